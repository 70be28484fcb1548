/**
 * The part of the exported training script that is the same for every model: reading the
 * data files, Backprop Studio's random generator (for the batch order), the optimizers, the
 * training loop, and DistributedDataParallel under torchrun. The per-model part (settings,
 * network, weights) comes before it; see training-script.ts. Python, kept as one raw string.
 */
export const TRAINING_LOOP_PY = String.raw`
# ── Data ─────────────────────────────────────────────────────────────────────

HERE = Path(__file__).resolve().parent


def read_csv(path: Path):
    """A data file: a header row, then per sample the features and the class index (or the target)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or len(rows[0]) != INPUT_FEATURES + 1:
        raise SystemExit(f"{path}: expected a header of {INPUT_FEATURES + 1} columns (the features, then the {TARGET_NAME}), got {rows[0] if rows else 'an empty file'}")
    body = [r for r in rows[1:] if r]
    for i, r in enumerate(body):
        if len(r) != INPUT_FEATURES + 1:
            raise SystemExit(f"{path}: row {i + 2} has {len(r)} columns, expected {INPUT_FEATURES + 1}")
    x = torch.tensor([[float(v) for v in r[:INPUT_FEATURES]] for r in body], dtype=torch.float32).reshape(len(body), INPUT_FEATURES)
    if TASK == "regression":
        y = torch.tensor([float(r[INPUT_FEATURES]) for r in body], dtype=torch.float32)
    else:
        y = torch.tensor([int(r[INPUT_FEATURES]) for r in body], dtype=torch.int64)
    return x, y


def read_digits(path: Path):
    """A digits file: "BPDIGIT1", uint32 count N, uint16 rows, uint16 columns (little-endian),
    N label bytes, then N images of rows x columns pixel bytes (row-major, 0 = background)."""
    data = path.read_bytes()
    if data[:8] != b"BPDIGIT1":
        raise SystemExit(f"{path}: not a digits file (it does not start with BPDIGIT1)")
    count, rows, cols = struct.unpack_from("<IHH", data, 8)
    pixels = rows * cols
    if pixels != INPUT_FEATURES or len(data) != 16 + count * (1 + pixels):
        raise SystemExit(f"{path}: expected {count} images of {INPUT_FEATURES} pixels ({16 + count * (1 + INPUT_FEATURES)} bytes), got {rows}x{cols} and {len(data)} bytes")
    y = torch.tensor(list(data[16:16 + count]), dtype=torch.int64)
    x = torch.frombuffer(bytearray(data[16 + count:]), dtype=torch.uint8).reshape(count, pixels)
    # pixel / 255 in double precision, rounded once to float32: bit for bit the app's inputs.
    return x.double().div(255).float(), y


def load_data():
    """(train_x, train_y, test_x, test_y), exactly the samples and the split the app trains on."""
    read = read_digits if DATA_FORMAT == "digits" else read_csv
    train_x, train_y = read(HERE / TRAIN_FILE)
    test_x, test_y = read(HERE / TEST_FILE)
    return train_x, train_y, test_x, test_y


# ── Batch order: Backprop Studio's generator (sfc32 seeded through splitmix32) ──

MASK = 0xFFFFFFFF


class EngineRng:
    """The app's random generator, ported exactly: the same seed draws the same numbers."""

    def __init__(self, seed: int) -> None:
        s = int(seed) & MASK
        state = []
        for _ in range(4):
            s = (s + 0x9E3779B9) & MASK
            z = ((s ^ (s >> 16)) * 0x85EBCA6B) & MASK
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
            state.append(z ^ (z >> 16))
        self.a, self.b, self.c, self.d = state
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self) -> int:
        t = (self.a + self.b + self.d) & MASK
        self.d = (self.d + 1) & MASK
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & MASK
        self.c = ((self.c << 21) | (self.c >> 11)) & MASK
        self.c = (self.c + t) & MASK
        return t

    def below(self, n: int) -> int:
        """Uniform in [0, n), as the app draws it: floor(u / 2**32 * n) in double precision."""
        return math.floor(self.next_uint32() / 4294967296 * n)

    def permutation(self, n: int) -> list:
        """The app's Fisher-Yates shuffle of 0 .. n-1."""
        a = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            a[i], a[j] = a[j], a[i]
        return a


def batch_orders(seed: int, n: int):
    """Each epoch's order of the training samples, as the app draws it: a fresh shuffle per epoch."""
    rng = EngineRng((seed ^ 0x74726169) & MASK)
    while True:
        yield rng.permutation(n)


# ── Optimizer ────────────────────────────────────────────────────────────────


class StudioRMSprop(torch.optim.Optimizer):
    """RMSProp as the app runs it: g = grad + wd*p; r = rho*r + (1 - rho)*g^2; p -= lr*g / sqrt(r + eps).
    torch.optim.RMSprop(alpha=rho) divides by sqrt(r) + eps instead (eps outside the root),
    which differs wherever r is near eps, so this one keeps the app's rule."""

    def __init__(self, params, lr: float, decay: float, eps: float, weight_decay: float) -> None:
        super().__init__(params, dict(lr=lr, decay=decay, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad if group["weight_decay"] == 0 else p.grad.add(p, alpha=group["weight_decay"])
                state = self.state[p]
                if "square_avg" not in state:
                    state["square_avg"] = torch.zeros_like(p)
                r = state["square_avg"]
                r.mul_(group["decay"]).addcmul_(g, g, value=1 - group["decay"])
                p.addcdiv_(g, r.add(group["eps"]).sqrt_(), value=-group["lr"])


def make_optimizer(params):
    """The app's optimizer. SGD and Adam are torch.optim's own (the same update rules, weight
    decay added to the gradient). The app's Momentum, v = mu*v - lr*g; p += v, is torch's
    SGD momentum, b = mu*b + g; p -= lr*b, with v = -lr*b (the same steps at a fixed lr)."""
    o = OPTIMIZER
    if o["kind"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], weight_decay=o["weight_decay"])
    if o["kind"] == "momentum":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"], weight_decay=o["weight_decay"])
    if o["kind"] == "rmsprop":
        return StudioRMSprop(params, lr=o["lr"], decay=o["decay"], eps=o["eps"], weight_decay=o["weight_decay"])
    return torch.optim.Adam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weight_decay"])


# ── Training ─────────────────────────────────────────────────────────────────


def loss_of(out, y, reduction="mean"):
    if TASK == "regression":
        return F.mse_loss(out, y.view_as(out), reduction=reduction)
    return F.cross_entropy(out, y, reduction=reduction)


def variance(t) -> float:
    """Population variance of regression targets: R^2's yardstick, as the app computes it."""
    return float(((t.double() - t.double().mean()) ** 2).mean()) if len(t) else float("nan")


def r_squared(mse: float, var: float):
    return 1 - mse / var if var > 0 else None


def all_sum(values, device, world: int):
    """The values summed over every process (themselves in a single process)."""
    t = torch.tensor(values, dtype=torch.float64, device=device)
    if world > 1:
        dist.all_reduce(t)
    return t.tolist()


@torch.no_grad()
def evaluate(model, x, y, device, world: int, rank: int):
    """Test loss and accuracy (classification) or R^2 (regression) in evaluation mode, each
    process taking every world-th sample and the sums all-reduced; None without test samples."""
    if len(y) == 0:
        return None
    xs, ys = (x[rank::world], y[rank::world]) if world > 1 else (x, y)
    model.eval()
    out = model(xs.to(device)) if len(ys) else None
    model.train()
    loss = float(loss_of(out, ys.to(device), "sum")) if out is not None else 0.0
    right = float((out.argmax(1) == ys.to(device)).sum()) if out is not None and TASK != "regression" else 0.0
    values = out.numel() if out is not None else 0
    loss, right, count, values = all_sum([loss, right, len(ys), values], device, world)
    if TASK == "regression":
        mse = loss / values
        return {"loss": mse, "r2": r_squared(mse, variance(y))}
    return {"loss": loss / count, "accuracy": right / count}


def setup(device_arg: str):
    """(world size, rank, device): torchrun starts one process per rank and sets WORLD_SIZE."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1:
        cuda = torch.cuda.is_available() and device_arg != "cpu"
        dist.init_process_group("nccl" if cuda else "gloo")
        rank = dist.get_rank()
        if cuda:
            local = int(os.environ.get("LOCAL_RANK", "0"))
            torch.cuda.set_device(local)
            return world, rank, torch.device("cuda", local)
        return world, rank, torch.device("cpu")
    return 1, 0, torch.device(device_arg or ("cuda" if torch.cuda.is_available() else "cpu"))


def describe_metrics(prefix: str, loss: float, score) -> str:
    if TASK == "regression":
        return f"{prefix} loss {loss:.6f} R2 {score:.4f}" if score is not None else f"{prefix} loss {loss:.6f}"
    return f"{prefix} loss {loss:.6f} acc {100 * score:6.2f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=f"Train {NAME} as Backprop Studio does.")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"passes over the training set (default {EPOCHS})")
    parser.add_argument("--order-seed", type=int, default=SEED, help=f"seed of the batch order (default {SEED}, the app's)")
    parser.add_argument("--print-every", type=int, default=0, help="print every this many epochs (default: about 50 lines)")
    parser.add_argument("--device", default="", help="cpu, cuda, cuda:1, ... (default: cuda when available)")
    parser.add_argument("--save", default=str(HERE / "trained.pt"), help="where rank 0 saves the trained state_dict ('' not to)")
    args = parser.parse_args()

    world, rank, device = setup(args.device)
    main_process = rank == 0
    torch.manual_seed(SEED)  # dropout masks (PyTorch draws its own, not the app's)
    train_x, train_y, test_x, test_y = load_data()
    n = len(train_y)
    batch = min(BATCH_SIZE, n)
    train_var = variance(train_y) if TASK == "regression" else None

    model = build_model().to(device)
    model.train()
    net = DDP(model, device_ids=[device.index] if device.type == "cuda" else None) if world > 1 else model
    optimizer = make_optimizer(net.parameters())

    if world > 1:
        # Each process trains on its share of every batch: the global batch stays BATCH_SIZE.
        per_rank = max(1, batch // world)
        sampler = DistributedSampler(range(n), num_replicas=world, rank=rank, shuffle=True, seed=args.order_seed)
        def epoch_batches(epoch: int):
            sampler.set_epoch(epoch)
            idx = list(sampler)
            return [idx[i:i + per_rank] for i in range(0, len(idx), per_rank)]
    else:
        orders = batch_orders(args.order_seed, n)
        def epoch_batches(epoch: int):
            order = next(orders)
            return [order[i:i + batch] for i in range(0, n, batch)]

    every = args.print_every or max(1, round(args.epochs / 50))
    if main_process:
        where = f"{world} processes (DistributedDataParallel, {dist.get_backend()})" if world > 1 else str(device)
        print(f"Training {NAME}: {n} training and {len(test_y)} test samples, {OPTIMIZER_TEXT}, batch {BATCH_SIZE}, {args.epochs} epochs, on {where}")

    train_x, train_y = train_x.to(device), train_y.to(device)
    started = time.perf_counter()
    step = 0
    sums = torch.zeros(3, dtype=torch.float64, device=device)    # batch losses, batch accuracies, batches since the last line
    window = torch.zeros(2, dtype=torch.float64, device=device)  # the target loss's window: UPDATE_EVERY steps, as in the app
    result = {}
    stop = None
    for epoch in range(1, args.epochs + 1):
        for idx in epoch_batches(epoch - 1):
            idx = torch.tensor(idx, device=device)
            xb, yb = train_x[idx], train_y[idx]
            out = net(xb)
            loss = loss_of(out, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            acc = (out.argmax(1) == yb).double().mean() if TASK != "regression" else torch.zeros((), dtype=torch.float64, device=device)
            sums += torch.stack([loss.detach().double(), acc, torch.ones((), dtype=torch.float64, device=device)])
            if TARGET_LOSS > 0:
                window += torch.stack([loss.detach().double(), torch.ones((), dtype=torch.float64, device=device)])
                if step % UPDATE_EVERY == 0:
                    total, count = all_sum(window.tolist(), device, world)
                    window.zero_()
                    if total / count <= TARGET_LOSS:
                        stop = f"reached the target loss {TARGET_LOSS} at step {step} (loss {total / count:.4g})"
                        break
        last = epoch == args.epochs or stop is not None
        if epoch % every == 0 or epoch == 1 or last:
            loss_sum, acc_sum, batches = all_sum(sums.tolist(), device, world)
            sums.zero_()
            train_loss = loss_sum / batches
            if not math.isfinite(train_loss):
                stop = f"diverged: the training loss is {train_loss} in epoch {epoch}"
                last = True
            train_score = r_squared(train_loss, train_var) if TASK == "regression" else acc_sum / batches
            test = evaluate(model, test_x, test_y, device, world, rank)
            result = {"epoch": epoch, "step": step, "train_loss": train_loss, ("train_r2" if TASK == "regression" else "train_accuracy"): train_score}
            line = f"epoch {epoch:5d}/{args.epochs}  step {step:7d}  " + describe_metrics("train", train_loss, train_score)
            if test is not None:
                score = test.get("r2") if TASK == "regression" else test["accuracy"]
                result.update({"test_loss": test["loss"], ("test_r2" if TASK == "regression" else "test_accuracy"): score})
                line += "  " + describe_metrics("test", test["loss"], score)
            if main_process:
                print(line, flush=True)
        if last:
            break

    result.update({"seconds": time.perf_counter() - started, "processes": world, "stopped": stop})
    if main_process:
        if stop:
            print(f"Stopped: {stop}.")
        if args.save:
            torch.save(model.state_dict(), args.save)
            print(f"Saved the trained weights to {args.save}")
        print("final " + json.dumps(result), flush=True)
    if world > 1:
        # Every rank waits for the others (rank 0 is still saving) before the group is torn down.
        dist.barrier()
        dist.destroy_process_group()
        # On a loaded CPU machine, gloo's threads sometimes abort the interpreter's own shutdown
        # ("terminate called without an active exception") after all the work is done, and
        # torchrun then reports the run as failed: leave without that shutdown.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    main()
`;
