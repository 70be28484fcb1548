"""A numpy stand-in for the part of PyTorch that Backprop Studio's exported scripts use.

The exporter's tests run the generated scripts against this package where PyTorch itself
is not installed. Everything here follows PyTorch's documented semantics for the
arguments the scripts pass (float32 tensors, row-major, the same module tree, state-dict
keys, train/eval behaviour and printed forms) and raises on anything else, so a script
that runs here uses only standard PyTorch. Random numbers come from numpy and differ from
PyTorch's, as any two generators do.
"""

import numpy as np


class dtype:
    def __init__(self, name, np_type):
        self.name = name
        self.np_type = np.dtype(np_type)

    def __repr__(self):
        return "torch." + self.name


float32 = dtype("float32", np.float32)

_generator = np.random.default_rng(0)
_grad_enabled = True


class Size(tuple):
    def __repr__(self):
        return "torch.Size([" + ", ".join(str(d) for d in self) + "])"

    __str__ = __repr__


class Tensor:
    """A float32 array; `requires_grad` is tracked, gradients are not computed."""

    def __init__(self, data, requires_grad=False):
        if not isinstance(data, np.ndarray) or data.dtype != np.float32:
            raise TypeError("torch stub: tensors hold float32 numpy arrays")
        self._data = data
        self.requires_grad = requires_grad

    @property
    def shape(self):
        return Size(self._data.shape)

    @property
    def dtype(self):
        return float32

    def size(self, dim=None):
        return self.shape if dim is None else self._data.shape[dim]

    def dim(self):
        return self._data.ndim

    def numel(self):
        return int(self._data.size)

    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        if int(np.prod(shape)) != self._data.size:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {self._data.size}")
        return Tensor(self._data.reshape(shape), self.requires_grad)

    def detach(self):
        return Tensor(self._data)

    def clone(self):
        return Tensor(self._data.copy(), self.requires_grad)

    def copy_(self, src):
        if not isinstance(src, Tensor):
            raise TypeError(f"copy_(): argument 'src' must be Tensor, not {type(src).__name__}")
        if _grad_enabled and self.requires_grad:
            raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
        self._data[...] = np.broadcast_to(src._data, self._data.shape)
        return self

    def numpy(self):
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data

    def tolist(self):
        return self._data.tolist()

    def __repr__(self):
        return f"tensor({self._data!r})"


def frombuffer(buffer, *, dtype, count=-1, offset=0, requires_grad=False):
    """Shares memory with `buffer`, read in the machine's byte order, as PyTorch does."""
    if dtype is not float32:
        raise NotImplementedError("torch stub: frombuffer supports dtype=torch.float32 only")
    data = np.frombuffer(memoryview(buffer).cast("B"), dtype=np.float32, count=count, offset=offset)
    if not data.flags.writeable:
        import warnings

        warnings.warn("The given buffer is not writable, and PyTorch does not support non-writable tensors.", UserWarning)
    return Tensor(data, requires_grad)


def randn(*size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    return Tensor(_generator.standard_normal(size, dtype=np.float32))


def softmax(input, dim):
    x = input._data
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return Tensor((e / e.sum(axis=dim, keepdims=True)).astype(np.float32))


def manual_seed(seed):
    global _generator
    _generator = np.random.default_rng(seed)


class no_grad:
    def __enter__(self):
        global _grad_enabled
        self._prev = _grad_enabled
        _grad_enabled = False

    def __exit__(self, *exc):
        global _grad_enabled
        _grad_enabled = self._prev
        return False


def is_grad_enabled():
    return _grad_enabled


from . import nn  # noqa: E402  (torch.nn is importable as an attribute, as in PyTorch)
