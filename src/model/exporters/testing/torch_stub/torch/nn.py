"""torch.nn for the stub: the modules an exported script builds, with PyTorch's semantics."""

import math
from collections import OrderedDict, namedtuple

import numpy as np

import torch


class Parameter(torch.Tensor):
    def __init__(self, data, requires_grad=True):
        super().__init__(data._data if isinstance(data, torch.Tensor) else data, requires_grad)

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()


_IncompatibleKeys = namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])


class Module:
    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name, value):
        if isinstance(value, Parameter):
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._modules[name] = value
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        for table in ("_parameters", "_modules"):
            entries = self.__dict__.get(table)
            if entries is not None and name in entries:
                return entries[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __call__(self, *args):
        return self.forward(*args)

    def forward(self, *args):
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def children(self):
        return iter(self._modules.values())

    def train(self, mode=True):
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for m in self.children():
            m.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def named_parameters(self, prefix=""):
        for name, p in self._parameters.items():
            yield prefix + name, p
        for name, m in self._modules.items():
            yield from m.named_parameters(prefix + name + ".")

    def parameters(self):
        for _, p in self.named_parameters():
            yield p

    def state_dict(self):
        return OrderedDict((k, p.detach()) for k, p in self.named_parameters())

    def load_state_dict(self, state_dict, strict=True):
        own = OrderedDict(self.named_parameters())
        missing = [k for k in own if k not in state_dict]
        unexpected = [k for k in state_dict if k not in own]
        errors = []
        if strict:
            if unexpected:
                errors.append("Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ". ")
            if missing:
                errors.append("Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ". ")
        for k, p in own.items():
            if k not in state_dict:
                continue
            src = state_dict[k]
            if not isinstance(src, torch.Tensor):
                errors.append(f'While copying the parameter named "{k}", expected torch.Tensor or Tensor-like object from checkpoint but received {type(src)}')
            elif src.shape != p.shape:
                errors.append(
                    f"size mismatch for {k}: copying a param with shape {src.shape} from checkpoint, "
                    f"the shape in current model is {p.shape}."
                )
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(errors))
        with torch.no_grad():
            for k, p in own.items():
                if k in state_dict:
                    p.copy_(state_dict[k])
        return _IncompatibleKeys(missing, unexpected)

    def extra_repr(self):
        return ""

    def __repr__(self):
        head = type(self).__name__ + "(" + self.extra_repr()
        if not self._modules:
            return head + ")"
        lines = []
        for name, m in self._modules.items():
            lines.append(f"({name}): " + repr(m).replace("\n", "\n  "))
        return head + "\n  " + "\n  ".join(lines) + "\n)"


class Sequential(Module):
    def __init__(self, *modules):
        super().__init__()
        if len(modules) == 1 and isinstance(modules[0], OrderedDict):
            items = modules[0].items()
        else:
            items = ((str(i), m) for i, m in enumerate(modules))
        for name, m in items:
            if not isinstance(m, Module):
                raise TypeError(f"{type(m).__name__} is not a Module subclass")
            self._modules[name] = m

    def __len__(self):
        return len(self._modules)

    def __getitem__(self, idx):
        return list(self._modules.values())[idx]

    def forward(self, input):
        for m in self._modules.values():
            input = m(input)
        return input


def _uniform(shape, bound):
    return torch._generator.uniform(-bound, bound, size=shape).astype(np.float32)


class Linear(Module):
    """y = x Wᵀ + b with W [out_features, in_features]."""

    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        # reset_parameters(): kaiming_uniform_(a=√5) gives the bound 1/√fan_in; the bias uses the same bound.
        bound = 1 / math.sqrt(in_features) if in_features > 0 else 0
        self.weight = Parameter(_uniform((out_features, in_features), bound))
        if bias:
            self.bias = Parameter(_uniform((out_features,), bound))
        else:
            object.__setattr__(self, "bias", None)

    def forward(self, input):
        x = _data(input)
        if x.shape[-1] != self.in_features:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({int(np.prod(x.shape[:-1]))}x{x.shape[-1]} "
                f"and {self.in_features}x{self.out_features})"
            )
        y = x @ self.weight._data.T
        if self.bias is not None:
            y = y + self.bias._data
        return torch.Tensor(y.astype(np.float32, copy=False))

    def extra_repr(self):
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"


class ReLU(Module):
    def forward(self, input):
        x = _data(input)
        return torch.Tensor(np.maximum(x, np.float32(0)))


class LeakyReLU(Module):
    def __init__(self, negative_slope=0.01, inplace=False):
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input):
        x = _data(input)
        return torch.Tensor(np.where(x > 0, x, x * np.float32(self.negative_slope)).astype(np.float32))

    def extra_repr(self):
        return f"negative_slope={self.negative_slope}"


class Sigmoid(Module):
    def forward(self, input):
        x = _data(input)
        # Split by sign so exp() never overflows.
        e = np.exp(-np.abs(x))
        return torch.Tensor(np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32))


class Tanh(Module):
    def forward(self, input):
        return torch.Tensor(np.tanh(_data(input)))


class Dropout(Module):
    """Inverted dropout: in training, zeroes each element with probability p and scales the rest by 1/(1-p)."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input):
        x = _data(input)
        if not self.training or self.p == 0:
            return torch.Tensor(x.copy())
        if self.p == 1:
            return torch.Tensor(np.zeros_like(x))
        keep = torch._generator.random(x.shape) >= self.p
        return torch.Tensor((x * keep / np.float32(1 - self.p)).astype(np.float32))

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"


def _data(t):
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"forward(): argument 'input' must be Tensor, not {type(t).__name__}")
    return t._data
