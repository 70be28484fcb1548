import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, Linear, Tensor, createRng, type Sequential } from '../../engine';
import { compileGraph, exportModelDocument, parseModelDocument, type ModelDocument } from '../index';
import { exportOnnx, exportPyTorch } from './index';
import { engineForward, expectClose } from './testing/fixtures';
import { python } from './testing/python';

/**
 * The built-in noisy-sine example (1 → 32 → 32 → 1 with TanH and an MSE loss), trained by
 * the engine, then exported as the app exports it (weights stored in the document, the
 * document compiled again, node ids as layer names): the PyTorch script gives the engine's
 * outputs, loss and gradients in the real PyTorch, and the ONNX file passes onnx's checker
 * and gives the engine's outputs in onnxruntime (Python's native one and onnxruntime-web).
 */

const work = mkdtempSync(join(tmpdir(), 'sine-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

function sineExample(): ModelDocument {
  const r = parseModelDocument(readFileSync(new URL('../../../public/examples/sine-regression.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`the sine example does not parse: ${JSON.stringify(r.errors)}`);
  return r.doc;
}

function compiled(doc: ModelDocument) {
  const c = compileGraph(doc);
  if (!c.ok) throw new Error(`the sine example does not compile: ${c.diagnostics.map((d) => d.message).join('; ')}`);
  return c;
}

/** n points of y = sin(x) + noise, x uniform in [-π, π], as [n, 1] float32 columns. */
function noisySine(n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n }, () => (rng.uniform() * 2 - 1) * Math.PI);
  const y = Float32Array.from(x, (v) => Math.sin(v) + 0.1 * rng.normal());
  return { x, y };
}

/**
 * A gradient as one row, so that expectClose holds each entry to the whole tensor's scale:
 * an entry sums products over the batch (or over 32 units) in float32 and can cancel to far
 * below its terms, where PyTorch's different summation order differs in the fifth digit.
 */
const asOneRow = (t: Tensor) => new Tensor(t.data, [1, t.size]);

const mse = (model: Sequential, x: Float32Array, y: Float32Array) => model.forward(Tensor.from(x, [x.length, 1]), y).item();

// Python's side: the exported script's network in PyTorch (outputs, then nn.MSELoss and its
// gradients), the ONNX file through onnx's full checker and onnxruntime's CPU provider.
const DRIVER = `
import json, sys
import numpy as np
import onnx, onnxruntime, torch
from torch import nn
import model as exported

n = int(sys.argv[1])
x_np = np.fromfile("x.bin", dtype=np.float32).reshape(n, 1)
y_np = np.fromfile("y.bin", dtype=np.float32).reshape(n, 1)
net = exported.build_model()
with torch.no_grad():
    out = net(torch.from_numpy(x_np))
x = torch.from_numpy(x_np.copy()).requires_grad_(True)
loss = nn.MSELoss()(net(x), torch.from_numpy(y_np))
loss.backward()

proto = onnx.load("model.onnx")
onnx.checker.check_model(proto, full_check=True)
session = onnxruntime.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
onnx_out = session.run(None, {"input": x_np})
print(json.dumps({
    "torch": {"shape": list(out.shape), "values": out.flatten().tolist()},
    "loss": loss.item(),
    "dx": x.grad.flatten().tolist(),
    "grads": {k: v.grad.flatten().tolist() for k, v in net.named_parameters()},
    "onnx": {
        "inputs": [[i.name, i.shape] for i in session.get_inputs()],
        "outputs": [[o.name, o.shape] for o in session.get_outputs()],
        "shape": list(onnx_out[0].shape),
        "dtype": str(onnx_out[0].dtype),
        "values": onnx_out[0].flatten().tolist(),
    },
}))
`;

interface DriverResult {
  torch: { shape: number[]; values: number[] };
  loss: number;
  dx: number[];
  grads: Record<string, number[]>;
  onnx: { inputs: [string, (string | number)[]][]; outputs: [string, (string | number)[]][]; shape: number[]; dtype: string; values: number[] };
}

describe('the noisy-sine example, trained by the engine, exported to PyTorch and ONNX', () => {
  const doc = sineExample();
  const { model, plan } = compiled(doc);
  const train = noisySine(240, 7);
  const initialLoss = mse(model, train.x, train.y);
  // Adam as the example's settings say, on mini-batches of 32 (every sample's gradient in float32).
  const opt = new Adam(model.params(), { lr: doc.training!.optimizer.lr });
  for (let step = 0; step < 400; step++) {
    const from = (step * 32) % 224;
    const x = train.x.subarray(from, from + 32);
    const y = train.y.subarray(from, from + 32);
    model.forward(Tensor.from(x, [32, 1]), y);
    opt.zeroGrad();
    model.backward();
    opt.step();
  }
  const trainedLoss = mse(model, train.x, train.y);

  // What the app's export does: the trained weights go into the document, the document is
  // compiled again, and that model is exported with the nodes' ids as layer names.
  const saved = exportModelDocument(doc, { model: { model, plan } });
  const reloaded = compiled(saved);
  const options = { name: doc.name, inputFeatures: reloaded.plan.inputFeatures, layerNames: reloaded.plan.layers.map((l) => l.nodeId), includeWeights: true };
  const script = exportPyTorch(reloaded.model, options);
  const onnxBytes = exportOnnx(reloaded.model, options);

  // Fresh points, the training range and beyond it (where tanh saturates).
  const test = noisySine(50, 99);
  test.x.set([-6, -Math.PI, 0, Math.PI, 6], 0);
  const n = test.x.length;

  it('is the example, trained (the weights differ from the initial ones and the loss fell)', () => {
    expect(model.layers.map(String).map((s) => s.split('(')[0])).toEqual(['Linear', 'TanH', 'Linear', 'TanH', 'Linear', 'MSELoss']);
    expect(options.layerNames).toEqual(['fc1', 'tanh1', 'fc2', 'tanh2', 'fc3', 'loss']);
    expect(script).toContain('# [5] "loss": the MSE loss, nn.MSELoss() (see above).');
    expect(trainedLoss).toBeLessThan(0.05);
    expect(trainedLoss).toBeLessThan(initialLoss / 5);
    const initial = compiled(doc).model.layers[0] as Linear;
    expect(Array.from((reloaded.model.layers[0] as Linear).w.data)).not.toEqual(Array.from(initial.w.data));
    // The document carries the trained weights bit for bit.
    model.layers.forEach((l, i) => {
      if (l instanceof Linear) expect(reloaded.model.layers[i].params().map((p) => p.value.data)).toEqual([l.w.data, l.b.data]);
    });
  });

  it('PyTorch gives its outputs, MSE loss and gradients; onnx checks the file and onnxruntime gives its outputs', () => {
    const dir = mkdtempSync(join(work, 'm-'));
    writeFileSync(join(dir, 'model.py'), script);
    writeFileSync(join(dir, 'model.onnx'), onnxBytes);
    writeFileSync(join(dir, 'driver.py'), DRIVER);
    writeFileSync(join(dir, 'x.bin'), new Uint8Array(test.x.buffer));
    writeFileSync(join(dir, 'y.bin'), new Uint8Array(test.y.buffer));
    const r = JSON.parse(python(['driver.py', String(n)], dir).stdout) as DriverResult;

    const want = engineForward(model, test.x, n, 1);
    expect(r.torch.shape).toEqual([n, 1]);
    expectClose('PyTorch output', r.torch.values, want);

    const loss = mse(model, test.x, test.y);
    model.zeroGrad();
    const dx = model.backward();
    expect(Math.abs(r.loss - loss)).toBeLessThan(1e-5 * Math.max(1, loss));
    expectClose('dL/dx', r.dx, asOneRow(dx));
    const names = ['weight', 'bias'];
    const layersWithParams = model.layers.map((l, i) => [l, i] as const).filter(([l]) => l.params().length > 0);
    expect(Object.keys(r.grads).sort()).toEqual(layersWithParams.flatMap(([, i]) => names.map((k) => `${i}.${k}`)).sort());
    for (const [l, i] of layersWithParams) l.params().forEach((p, k) => expectClose(`dL/d${i}.${names[k]}`, r.grads[`${i}.${names[k]}`], asOneRow(p.grad)));

    expect(r.onnx.inputs).toEqual([['input', ['batch', 1]]]);
    expect(r.onnx.outputs).toEqual([['output', ['batch', 1]]]);
    expect(r.onnx.shape).toEqual([n, 1]);
    expect(r.onnx.dtype).toBe('float32');
    expectClose('onnxruntime output', r.onnx.values, want);
  });

  it('onnxruntime-web gives the same outputs', async () => {
    const session = await ort.InferenceSession.create(onnxBytes);
    try {
      expect(session.outputNames).toEqual(['output']);
      const out = await session.run({ input: new ort.Tensor('float32', test.x, [n, 1]) });
      expect(out.output.dims).toEqual([n, 1]);
      expectClose('onnxruntime-web output', out.output.data as Float32Array, engineForward(model, test.x, n, 1));
    } finally {
      await session.release();
    }
  });
});
