import { CodeLayer, createRng, formatShape, Tensor, type DType, type Param, type Rng } from '../../engine';
import { CodeTensor } from './code-tensor';
import { CodeError, toCodeError, type CompiledCode } from './compile-code';

type Instance = InstanceType<CompiledCode['LayerClass']>;

/**
 * An engine layer whose forward and backward are the user's code. The code works on
 * `CodeTensor`s over the same data as the engine's tensors; this class checks what comes
 * back (shapes, finite numbers aside), keeps the allocation budget per call, and, when the
 * code has no `jvp`, derives the JVP by central differences of its forward in float64.
 */
export class CustomLayer extends CodeLayer {
  private instance: Instance;
  private input: Tensor | null = null;
  private output: Tensor | null = null;
  private readonly dtype: DType;

  constructor(
    readonly program: CompiledCode,
    readonly code: string,
    readonly inFeatures: number,
    readonly outFeatures: number,
    /** Draws the initial weights (randn in the constructor). */
    rng: Rng,
    dtype: DType = 'float32',
  ) {
    super();
    this.dtype = dtype;
    this.instance = this.runCode('constructor', () => new program.LayerClass(inFeatures, outFeatures), rng);
  }

  /** Runs one call into the code with a fresh allocation budget, errors located in the code. */
  private runCode<T>(what: string, f: () => T, rng: Rng | null = null): T {
    const b = this.program.budget;
    const saved = { used: b.used, dtype: b.dtype, rng: b.rng };
    b.used = 0;
    b.dtype = this.dtype;
    b.rng = rng;
    try {
      return f();
    } catch (e) {
      throw toCodeError(e, `${this.program.name}.${what}: `);
    } finally {
      Object.assign(b, saved);
    }
  }

  private wrap(t: Tensor): CodeTensor {
    const data = t.dtype === this.dtype ? t.data : t.clone(this.dtype).data;
    return new CodeTensor(data, t.shape, this.program.budget);
  }

  private expectTensor(what: string, v: unknown, shape: readonly number[]): Tensor {
    if (!(v instanceof CodeTensor)) throw new CodeError(`${this.program.name}.${what} returned ${v === undefined ? 'nothing' : typeof v}; it must return a tensor of shape ${formatShape(shape)}`, null, null);
    if (v.shape.length !== shape.length || v.shape.some((d, i) => d !== shape[i])) {
      throw new CodeError(`${this.program.name}.${what} returned shape ${formatShape(v.shape)}; expected ${formatShape(shape)}`, null, null);
    }
    // A fresh engine tensor, so code keeping its result cannot change what the engine holds.
    return Tensor.from(v.data, shape, this.dtype);
  }

  forward(x: Tensor): Tensor {
    // A batch of rows, [N, in] in a graph; leading dimensions beyond the batch pass through (as the homework's 3-D activation tests use).
    if (x.ndim < 2 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new Error(`${this}.forward: expected input of shape [N, ${this.inFeatures}], got ${formatShape(x.shape)}`);
    }
    const xin = x.dtype === this.dtype ? x : x.clone(this.dtype);
    const out = this.runCode('forward', () => (this.instance.forward as (x: CodeTensor) => unknown)(this.wrap(xin)));
    this.input = xin;
    this.output = this.expectTensor('forward', out, [...x.shape.slice(0, -1), this.outFeatures]);
    return this.output;
  }

  backward(dout?: Tensor): Tensor {
    if (!this.input || !this.output) throw new Error(`${this}.backward: called before forward`);
    if (!dout || dout.shape.join() !== this.output.shape.join()) {
      throw new Error(`${this}.backward: expected an incoming gradient of shape ${formatShape(this.output.shape)}, got ${dout ? formatShape(dout.shape) : 'none'}`);
    }
    const dx = this.runCode('backward', () => (this.instance.backward as (d: CodeTensor) => unknown)(this.wrap(dout)));
    return this.expectTensor('backward', dx, this.input.shape);
  }

  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    const x = this.input;
    if (!x || !this.output) throw new Error(`${this}.jvp: called before forward`);
    const params = this.params();
    if (dparams && dparams.length !== params.length) throw new Error(`${this}.jvp: expected ${params.length} parameter tangents, got ${dparams.length}`);
    if (this.program.hasJvp) {
      const codeParams = dparams?.map((t) => (t ? this.wrap(t) : null)) ?? params.map(() => null);
      const r = this.runCode('jvp', () => (this.instance.jvp as (a: CodeTensor | null, b: (CodeTensor | null)[]) => unknown)(dx ? this.wrap(dx) : null, codeParams));
      return this.expectTensor('jvp', r, this.output.shape);
    }
    return this.numericJvp(x, dx, dparams ?? []);
  }

  /** (f(x + h·dx, θ + h·dθ) − f(x − h·dx, θ − h·dθ)) / 2h on a float64 copy, h scaled to the point. */
  private numericJvp(x: Tensor, dx: Tensor | null, dparams: readonly (Tensor | null)[]): Tensor {
    const copy = this.clone('float64');
    const x64 = x.clone('float64');
    const cp = copy.params();
    let scale = 1;
    for (const v of x64.data) scale = Math.max(scale, Math.abs(v));
    const h = 1e-5 * scale;
    const shift = (s: number): Tensor => {
      const xs = x64.clone();
      if (dx) for (let i = 0; i < xs.size; i++) xs.data[i] += s * h * dx.data[i];
      const saved = cp.map((p) => p.value.clone());
      cp.forEach((p, k) => {
        const t = dparams[k];
        if (t) for (let i = 0; i < p.value.size; i++) p.value.data[i] += s * h * t.data[i];
      });
      const out = copy.forward(xs);
      cp.forEach((p, k) => p.value.data.set(saved[k].data));
      return out;
    };
    const plus = shift(1), minus = shift(-1);
    const out = Tensor.zeros(plus.shape, this.dtype);
    for (let i = 0; i < out.size; i++) out.data[i] = (plus.data[i] - minus.data[i]) / (2 * h);
    return out;
  }

  override params(): Param[] {
    return this.instance.__params.map((p) => ({ name: p.name, value: p.value.toEngine(), grad: p.grad.toEngine() }));
  }

  clone(dtype: DType = this.dtype): CustomLayer {
    const copy = new CustomLayer(this.program, this.code, this.inFeatures, this.outFeatures, createRng(0), dtype);
    const mine = this.instance.__params;
    const theirs = copy.instance.__params;
    if (mine.length !== theirs.length) throw new Error(`${this}.clone: the constructor declared ${theirs.length} parameters this time, ${mine.length} before`);
    theirs.forEach((p, k) => {
      p.value = new CodeTensor(Tensor.from(mine[k].value.data, mine[k].value.shape, dtype).data, mine[k].value.shape, this.program.budget);
      p.grad = new CodeTensor(Tensor.from(mine[k].grad.data, mine[k].grad.shape, dtype).data, mine[k].grad.shape, this.program.budget);
    });
    copy.training = this.training;
    return copy;
  }

  get providesJvp(): boolean {
    return this.program.hasJvp;
  }

  override get lastInput(): Tensor | null {
    return this.input;
  }

  toString(): string {
    return `${this.program.name}(${this.inFeatures} → ${this.outFeatures})`;
  }
}
