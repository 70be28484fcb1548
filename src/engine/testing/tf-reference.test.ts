/** The reference comparison must be able to fail: broken layers are caught. */
import { beforeAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, ReLU, Sequential, Tensor, createRng } from '../index';
import { TfComparer, initTf, relError } from './tf-reference';

beforeAll(initTf);

/** A Linear whose backward overwrites its gradients instead of accumulating them. */
class ForgetfulLinear extends Linear {
  override backward(dout?: Tensor): Tensor {
    this.zeroGrad();
    return super.backward(dout);
  }
}

/** A ReLU whose backward passes the gradient everywhere. */
class LeakyGradReLU extends ReLU {
  override backward(dout?: Tensor): Tensor {
    return (dout as Tensor).clone();
  }
}

/** A loss whose forward is off by a little. */
class OffsetLoss extends CrossEntropyLoss {
  override forward(x: Tensor, y?: ArrayLike<number>): Tensor {
    const l = super.forward(x, y);
    return Tensor.from([l.item() * (1 + 1e-4)], [], 'float32');
  }
}

describe('TfComparer', () => {
  it('relError is normwise and fails on NaN', () => {
    expect(relError([1, 2, 4], [1, 2, 3])).toBeCloseTo(0.25, 15);
    expect(relError([0, 0], [0, 0])).toBe(0);
    expect(relError([1, Number.NaN], [1, 2])).toBe(Infinity);
    expect(relError([1, Number.NaN], [1, Number.NaN]) <= 1e-5).toBe(false);
  });

  it('a correct layer compares at round-off', () => {
    const rng = createRng(1);
    const r = new TfComparer().compare(new Linear(6, 5, { rng }), Tensor.randn([4, 6], rng));
    expect(r.max).toBeLessThan(1e-6);
  });

  it('catches parameter gradients that do not accumulate over a second backward pass', () => {
    const rng = createRng(2);
    const fc = new ForgetfulLinear(6, 5, { rng });
    const cmp = new TfComparer();
    expect(cmp.compare(fc, Tensor.randn([4, 6], rng)).max).toBeLessThan(1e-6);
    const second = cmp.compare(fc, Tensor.randn([4, 6], rng));
    expect(second.input).toBeLessThan(1e-6);
    expect(Math.min(...second.params)).toBeGreaterThan(1e-2);
  });

  it('catches a wrong input gradient inside a Sequential', () => {
    const rng = createRng(3);
    const seq = new Sequential(new Linear(6, 8, { rng }), new LeakyGradReLU(), new Linear(8, 3, { rng }));
    const r = new TfComparer().compare(seq, Tensor.randn([5, 6], rng));
    expect(r.input).toBeGreaterThan(1e-2);
    expect(r.params[0]).toBeGreaterThan(1e-2);
  });

  it('catches a wrong forward value', () => {
    const rng = createRng(4);
    const r = new TfComparer().compare(new OffsetLoss(), Tensor.randn([5, 3], rng), [0, 1, 2, 1, 0]);
    expect(r.forward).toBeGreaterThan(5e-5);
  });
});
