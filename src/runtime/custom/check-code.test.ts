import { describe, expect, it } from 'vitest';
import { CODE_TEMPLATES } from '../../model';
import { checkCode } from './check-code';

const template = (id: string) => CODE_TEMPLATES.find((t) => t.id === id)!.code;
const report = (code: string, i = 3, o = 3) => {
  const r = checkCode(code, i, o);
  if (!r.ok) throw new Error(`expected the code to compile: ${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r;
};

describe('checkCode, the homework check of code as it is typed', () => {
  it.each(CODE_TEMPLATES.map((t) => [t.id, t] as const))('the %s template passes, with the homework lines', (_id, t) => {
    const r = report(t.code, 3, t.sameWidth ? 3 : 5);
    expect(r.passed).toBe(true);
    expect(r.text).toMatch(/^input +diff=0\.000/);
    for (const l of r.lines) expect(l.worst).toEqual([]);
    if (!t.sameWidth) expect(r.text).toMatch(/param#01 diff=0\.000/);
  });

  it('fails a backward with a bug and points at the entries furthest off', () => {
    // σ(x)·(1 + x·σ(x)) instead of σ(x)·(1 + x·(1 − σ(x))).
    const buggy = template('silu').replace('x.mul(s.neg().add(1))', 'x.mul(s)');
    const r = report(buggy);
    expect(r.passed).toBe(false);
    expect(r.lines[0].maxRelError).toBeGreaterThan(0.01);
    expect(r.lines[0].worst.length).toBeGreaterThan(0);
    const w = r.lines[0].worst[0];
    expect(w.index).toHaveLength(2);
    expect(Math.abs(w.analytic - w.numeric)).toBeGreaterThan(0.01);
  });

  it('names the parameter whose gradient is wrong', () => {
    const buggy = template('affine').replace('this.b.grad.addInPlace(dout.sum(0));', 'this.b.grad.addInPlace(dout.sum(0).mul(2));');
    const r = report(buggy, 3, 4);
    expect(r.lines.map((l) => l.ok)).toEqual([true, true, false]);
    expect(r.lines[2].label).toBe('param#02 (b)');
    expect(r.text).toMatch(/param#02 diff=(?!0\.000)/);
  });

  it('an elementwise layer is diagonal, an affine one block-diagonal, a batch-mixing one dense', () => {
    expect(report(template('silu')).jacobian.pattern).toBe('diagonal');
    expect(report(template('affine'), 3, 2).jacobian.pattern).toBe('block-diagonal');
    const mixing = `export default class Centre extends Layer {
  forward(x) { this.n = x.shape[0]; return x.sub(x.sum(0).mul(1 / this.n)); }
  backward(d) { return d.sub(d.sum(0).mul(1 / this.n)); }
}`;
    const r = report(mixing);
    expect(r.jacobian.pattern).toBe('dense');
    expect(r.passed).toBe(true);
  });

  it('derives the JVP numerically when there is none, and checks one that is given', () => {
    expect(report(template('silu')).jvp).toEqual({ provided: false, maxRelError: null });
    const withJvp = template('silu').replace(/\n}\n$/, '\n  jvp(dx) { return dx.mul(this.s.mul(this.x.mul(this.s.neg().add(1)).add(1))); }\n}\n');
    const good = report(withJvp).jvp;
    expect(good.provided).toBe(true);
    expect(good.maxRelError!).toBeLessThan(1e-6);
    const wrong = report(withJvp.replace('jvp(dx) { return dx.mul(', 'jvp(dx) { return dx.mul(2).mul(')).jvp;
    expect(wrong.maxRelError!).toBeGreaterThan(0.1);
  });

  it('locates a syntax error at its line and column', () => {
    const r = checkCode('export default class A extends Layer {\n  forward(x) {\n    return x.mul(;\n  }\n}\n', 2, 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(3);
    expect(r.error.column).toBe(18);
    expect(r.error.message).toMatch(/Syntax error/);
  });

  it('locates an error thrown while running at its line, and says which method threw', () => {
    const r = checkCode('export default class A extends Layer {\n  forward(x) { return x; }\n  backward(d) {\n    const y = d.nope();\n    return y;\n  }\n}\n', 2, 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/A\.backward: TypeError: d\.nope is not a function/);
    expect(r.error.line).toBe(4);
  });

  it('strips TypeScript types, keeping lines', () => {
    const ts = `type T = ReturnType<typeof zeros>;\nexport default class Twice extends Layer {\n  forward(x: T): T { return x.mul(2); }\n  backward(d: T): T { return d.mul(2); }\n}\n`;
    expect(report(ts).passed).toBe(true);
  });

  it('says when the output has the wrong shape or nothing is returned', () => {
    const r = checkCode('export default class A extends Layer { forward(x) { return x; } backward(d) { return d; } }', 3, 4);
    expect(!r.ok && r.error.message).toMatch(/returned shape \[4, 3\]; expected \[4, 4\]/);
    const none = checkCode('export default class A extends Layer { forward(x) { x.mul(2); } backward(d) { return d; } }', 3, 3);
    expect(!none.ok && none.error.message).toMatch(/forward returned nothing/);
  });

  it('code sees no network, storage or messaging, and its tensors are capped', () => {
    const use = (expr: string) => checkCode(`export default class A extends Layer { forward(x) { ${expr}; return x; } backward(d) { return d; } }`, 2, 2);
    for (const g of ['fetch', 'self', 'globalThis', 'postMessage', 'importScripts', 'indexedDB', 'XMLHttpRequest', 'WebSocket']) {
      const r = use(`if (typeof ${g} !== 'undefined') throw new Error('${g} is visible')`);
      expect(r.ok, g).toBe(true);
    }
    const big = use('zeros([100000, 100000])');
    expect(!big.ok && big.error.message).toMatch(/at most 8,000,000/);
    const many = use('for (let i = 0; i < 20; i++) zeros([4000, 1000])');
    expect(!many.ok && many.error.message).toMatch(/memory budget/);
  });

  it('refuses code without a layer class', () => {
    expect(checkCode('', 2, 2).ok).toBe(false);
    const r = checkCode('const a = 1;', 2, 2);
    expect(!r.ok && r.error.message).toMatch(/export default class/);
    const noBackward = checkCode('export default class A extends Layer { forward(x) { return x; } }', 2, 2);
    expect(!noBackward.ok && noBackward.error.message).toMatch(/no backward/);
  });
});
