import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss, LeakyReLU, Linear, MSELoss, ReLU, Sequential, Sigmoid, TanH, Tensor, createRng, type Layer } from '../../engine';
import { exportPyTorch } from './index';
import { expectClose, randomInput } from './testing/fixtures';

/**
 * The exported network, run in the real PyTorch with its criterion, gives the engine's loss
 * and gradients: dL/dθ for every weight and dL/dx for the input, for a classification and a
 * regression model.
 */

const work = mkdtempSync(join(tmpdir(), 'pytorch-grads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DRIVER = `
import json, sys
import torch
from torch import nn
import model as exported

features, n, task = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
net = exported.build_model()
x = torch.frombuffer(bytearray(open("x.bin", "rb").read()), dtype=torch.float32).reshape(n, features).clone().requires_grad_(True)
raw = bytearray(open("y.bin", "rb").read())
if task == "classification":
    y = torch.frombuffer(raw, dtype=torch.int32).long()
    loss = nn.CrossEntropyLoss()(net(x), y)
else:
    out = net(x)
    y = torch.frombuffer(raw, dtype=torch.float32).reshape(out.shape)
    loss = nn.MSELoss()(out, y)
loss.backward()
grads = {k: v.grad.flatten().tolist() for k, v in net.named_parameters()}
print(json.dumps({"loss": loss.item(), "dx": x.grad.flatten().tolist(), "grads": grads}))
`;

let dirs = 0;
function runInTorch(script: string, x: Float32Array, y: Int32Array | Float32Array, features: number, n: number, task: string) {
  const dir = mkdtempSync(join(work, `m${dirs++}-`));
  writeFileSync(join(dir, 'model.py'), script);
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  writeFileSync(join(dir, 'x.bin'), new Uint8Array(x.buffer));
  writeFileSync(join(dir, 'y.bin'), new Uint8Array(y.buffer));
  const r = spawnSync('python3', ['driver.py', String(features), String(n), task], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.status !== 0) throw new Error(`python3 driver.py exited with ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as { loss: number; dx: number[]; grads: Record<string, number[]> };
}

function withBiases(l: Linear, seed: number): Linear {
  const rng = createRng(seed);
  for (let i = 0; i < l.b.size; i++) l.b.data[i] = rng.normal() * 0.3;
  return l;
}

const cases: { title: string; task: 'classification' | 'regression'; features: number; layers: () => Layer[]; targets: (n: number, out: number) => Int32Array | Float32Array }[] = [
  {
    title: 'classification: every activation, cross-entropy',
    task: 'classification',
    features: 3,
    layers: () => [withBiases(new Linear(3, 8, { rng: createRng(1), wstd: 0.7 }), 2), new ReLU(), withBiases(new Linear(8, 6, { rng: createRng(3), wstd: 0.7 }), 4), new LeakyReLU(0.1), withBiases(new Linear(6, 5, { rng: createRng(5), wstd: 0.7 }), 6), new Sigmoid(), withBiases(new Linear(5, 4, { rng: createRng(7), wstd: 0.7 }), 8), new TanH(), new Linear(4, 3, { rng: createRng(9), wstd: 0.7 }), new CrossEntropyLoss()],
    targets: (n, classes) => Int32Array.from({ length: n }, (_, i) => (i * 7) % classes),
  },
  {
    title: 'regression: the noisy-sine network, 1 → 32 → 32 → 1 with TanH and MSE',
    task: 'regression',
    features: 1,
    layers: () => [withBiases(new Linear(1, 32, { rng: createRng(11), wstd: 0.8 }), 12), new TanH(), withBiases(new Linear(32, 32, { rng: createRng(13), wstd: 0.3 }), 14), new TanH(), withBiases(new Linear(32, 1, { rng: createRng(15), wstd: 0.3 }), 16), new MSELoss()],
    targets: (n) => Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
  },
  {
    title: 'regression with two outputs per sample',
    task: 'regression',
    features: 4,
    layers: () => [withBiases(new Linear(4, 6, { rng: createRng(21), wstd: 0.6 }), 22), new ReLU(), new Linear(6, 2, { rng: createRng(23), wstd: 0.6 }), new MSELoss()],
    targets: (n, out) => Float32Array.from({ length: n * out }, (_, i) => Math.cos(i) * 2),
  },
];

describe('exported networks in PyTorch: the same loss and gradients as the engine', () => {
  for (const c of cases) {
    it(c.title, () => {
      const model = new Sequential(...c.layers());
      const n = 9;
      const x = randomInput(n, c.features, 31);
      const inference = model.layers.slice(0, -1);
      const out = inference.at(-1) as Linear;
      const y = c.targets(n, out.outFeatures);
      const xt = Tensor.from(x, [n, c.features]);
      const loss = model.forward(xt, y).item();
      model.zeroGrad();
      const dx = model.backward();
      const r = runInTorch(exportPyTorch(model, { name: 'm', inputFeatures: c.features, includeWeights: true }), x, y, c.features, n, c.task);
      expect(Math.abs(r.loss - loss)).toBeLessThan(1e-5 * Math.max(1, Math.abs(loss)));
      expectClose('dL/dx', r.dx, dx);
      // PyTorch names a weight by its module's position among the inference layers.
      inference.forEach((layer, i) => {
        const kinds = ['weight', 'bias'];
        layer.params().forEach((p, k) => expectClose(`dL/d${i}.${kinds[k]}`, r.grads[`${i}.${kinds[k]}`], p.grad));
      });
      expect(Object.keys(r.grads)).toHaveLength(inference.reduce((s, l) => s + l.params().length, 0));
    });
  }
});
