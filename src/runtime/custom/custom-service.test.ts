import { describe, expect, it } from 'vitest';
import type { ModelDocument } from '../../model';
import type { TrainProgress } from '../protocol';
import { code, customDoc } from './fixtures';
import { EngineService } from '../service';

const customId = (d: ModelDocument) => d.nodes.find((n) => n.type === 'Custom')!.id;

describe('a Custom layer in the engine service', () => {
  it('does not run code the user has not chosen to run, and says so on the node', () => {
    const s = new EngineService();
    const d = customDoc('export default class X extends Layer { constructor() { super(); throw new Error("ran"); } forward(x) { return x; } backward(d) { return d; } }');
    const r = s.load(d, { weights: 'document' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', nodeId: customId(d), message: expect.stringMatching(/code is not running.*Run code/) })]);
  });

  it('counts the parameters its code declares, in the plan, the node and the total', () => {
    const s = new EngineService();
    const d = customDoc(code('affine'), { out_features: 8 });
    delete d.nodes.find((n) => n.id === 'fc2')!.params.in_features;
    const r = s.load(d, { weights: 'document', runCode: true });
    expect(r.ok).toBe(true);
    const id = customId(d);
    const layer = r.plan!.layers.find((l) => l.nodeId === id)!;
    expect(layer.params).toEqual([{ name: 'w', shape: [8, 16] }, { name: 'b', shape: [8] }]);
    expect(layer.paramCount).toBe(8 * 16 + 8);
    expect(r.plan!.paramCounts[id]).toBe(136);
    // Linear 2 → 16, the affine 16 → 8, Linear 8 → 3.
    expect(r.plan!.totalParams).toBe(2 * 16 + 16 + 136 + 8 * 3 + 3);
  });

  it('reports a code error on the node, with its line', () => {
    const s = new EngineService();
    const d = customDoc(code('silu').replace('return x.mul(this.s);', 'return x.mul(this.nope.s);'));
    const r = s.load(d, { weights: 'document', runCode: true });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ nodeId: customId(d), message: expect.stringMatching(/line 6, column \d+: SiLU\.forward: TypeError/) });
  });

  it('gradient-checks, gives its Jacobian, and trains on the spiral like a built-in layer', async () => {
    const s = new EngineService();
    const d = customDoc();
    const r = s.load(d, { weights: 'document', runCode: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    const g = s.gradcheck();
    expect(g.passed).toBe(true);
    s.forward();
    const j = s.jacobian(customId(d), 'input');
    expect(j.kind).toBe('Custom');
    expect(j.pattern).toBe('diagonal');
    const messages: TrainProgress[] = [];
    const end = await s.train((p) => messages.push(p));
    expect(end!.reason).toBe('finished');
    const points = messages.flatMap((m) => m.points);
    expect(points.at(-1)!.trainLoss).toBeLessThan(points[0].trainLoss);
    expect(points.at(-1)!.trainAccuracy).toBeGreaterThan(0.5);
  });

  it("keeps a Custom layer's own weights across saving and loading", () => {
    const s = new EngineService();
    const d = customDoc(code('affine'), { out_features: 8 });
    delete d.nodes.find((n) => n.id === 'fc2')!.params.in_features;
    d.nodes.find((n) => n.id === 'fc2')!.params = { out_features: 3 };
    expect(s.load(d, { weights: 'document', runCode: true }).ok).toBe(true);
    const w = s.getWeights();
    expect(Object.keys(w[customId(d)])).toEqual(['w', 'b']);
    expect(w[customId(d)].w.shape).toEqual([8, 16]);
    const t = new EngineService();
    expect(t.load({ ...d, weights: w }, { weights: 'document', runCode: true }).ok).toBe(true);
    expect(t.getWeights()).toEqual(w);
    // An edit of the code builds the layer again (and its weights no longer carried over).
    const edited = { ...d, nodes: d.nodes.map((n) => (n.type === 'Custom' ? { ...n, code: code('affine').replace('0.1', '0.2') } : n)) };
    const r = t.load(edited, { runCode: true });
    expect(r.ok).toBe(true);
  });
});

describe('exporting a model with a Custom layer', () => {
  it('writes PyTorch with the code as a commented stub that loads the weights, and refuses ONNX clearly', () => {
    const s = new EngineService();
    const d = customDoc(code('affine'), { out_features: 8 });
    delete d.nodes.find((n) => n.id === 'fc2')!.params.in_features;
    d.nodes.find((n) => n.id === 'fc2')!.params = { out_features: 3 };
    expect(s.load(d, { weights: 'document', runCode: true }).ok).toBe(true);
    const py = s.exportPyTorch(true);
    expect(py).toMatch(/class CustomLayer1\(nn\.Module\):/);
    expect(py).toMatch(/cannot be translated to PyTorch\n\s+automatically/);
    expect(py).toContain('        self.w = nn.Parameter(torch.zeros(8, 16))  # declared by the code');
    expect(py).toContain('        # export default class Affine extends Layer {');
    expect(py).toMatch(/raise NotImplementedError\(/);
    expect(py).toContain('"1.w": ((8, 16)');
    expect(() => s.exportOnnx()).toThrow(/ONNX export is not possible: layer "relu1" is a Custom layer/);
  });
});
