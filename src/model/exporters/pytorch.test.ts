import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Dropout, Linear, ReLU, Sequential, createRng } from '../../engine';
import { exportPyTorch } from './index';
import { engineForward, expectClose, fixtures, randomInput } from './testing/fixtures';
import { python as runPython } from './testing/python';

/** The scripts run with `python3` and the real PyTorch (`.ci/run` installs it). */
const work = mkdtempSync(join(tmpdir(), 'pytorch-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let scripts = 0;
const python = (args: string[], cwd = work) => runPython(args, cwd);

/** Saves a script as <dir>/model.py (each in its own directory, as a user would) and returns the directory. */
function save(script: string): string {
  const dir = join(work, `m${scripts++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'model.py'), script);
  return dir;
}

// Imports the script as a module, runs it on float32 batches (input<i>.bin, [n_i, features])
// and reports the outputs and the state dict.
const DRIVER = `
import base64, json, sys
import torch
import model as exported

features = int(sys.argv[1])
net = exported.build_model()
outputs = []
for i, n in enumerate(int(a) for a in sys.argv[2:]):
    x = torch.frombuffer(bytearray(open(f"input{i}.bin", "rb").read()), dtype=torch.float32).reshape(n, features)
    with torch.no_grad():
        y = net(x)
    outputs.append({"shape": list(y.shape), "values": y.tolist()})
state = {k: [list(v.shape), base64.b64encode(v.numpy().tobytes()).decode()] for k, v in net.state_dict().items()}
print(json.dumps({"training": net.training, "outputs": outputs, "state": state, "torch": torch.__file__}))
`;

interface DriverResult {
  training: boolean;
  outputs: { shape: number[]; values: number[][] }[];
  state: Record<string, [number[], string]>;
  torch: string;
}

function runDriver(dir: string, features: number, batches: Float32Array[]): DriverResult {
  batches.forEach((x, i) => writeFileSync(join(dir, `input${i}.bin`), new Uint8Array(x.buffer, x.byteOffset, x.byteLength)));
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  const sizes = batches.map((x) => String(x.length / features));
  return JSON.parse(python(['driver.py', String(features), ...sizes], dir).stdout) as DriverResult;
}

describe('exportPyTorch, run in PyTorch', () => {
  for (const f of fixtures()) {
    it(`matches the engine in evaluation mode: ${f.title}`, () => {
      const script = exportPyTorch(f.model, { name: f.title, inputFeatures: f.inputFeatures, layerNames: f.layerNames, includeWeights: true });
      const dir = save(script);
      python(['-m', 'py_compile', 'model.py'], dir);
      const sizes = [1, 6, 17];
      const inputs = sizes.map((n, i) => randomInput(n, f.inputFeatures, 11 + i));
      const r = runDriver(dir, f.inputFeatures, inputs);
      expect(r.torch).toMatch(/[\\/]torch[\\/]__init__\.py$/);
      expect(r.training).toBe(false);
      sizes.forEach((n, i) => {
        const want = engineForward(f.model, inputs[i], n, f.inputFeatures);
        expect(r.outputs[i].shape).toEqual(want.shape);
        expectClose(`PyTorch output, batch ${n}`, r.outputs[i].values.flat(), want);
      });
    });
  }

  it('loads the weights bit for bit into the state dict, keyed by module position', () => {
    const f = fixtures()[0];
    const dir = save(exportPyTorch(f.model, { name: 'm', inputFeatures: 4, includeWeights: true }));
    const r = runDriver(dir, 4, [randomInput(2, 4, 1)]);
    const want: Record<string, [number[], string]> = {};
    f.model.layers.forEach((l, i) => {
      if (!(l instanceof Linear)) return;
      const bytes = (t: Float32Array | Float64Array) => Buffer.from(Float32Array.from(t).buffer).toString('base64');
      want[`${i}.weight`] = [[l.outFeatures, l.inFeatures], bytes(l.w.data)];
      want[`${i}.bias`] = [[l.outFeatures], bytes(l.b.data)];
    });
    expect(r.state).toEqual(want);
  });

  it('runs as a program: prints the network and the output shape', () => {
    const f = fixtures()[0];
    const dir = save(exportPyTorch(f.model, { name: 'm', inputFeatures: 4, layerNames: f.layerNames, includeWeights: true }));
    const { stdout } = python(['model.py'], dir);
    expect(stdout).toContain('(0): Linear(in_features=4, out_features=16, bias=True)');
    expect(stdout).toContain('(3): LeakyReLU(negative_slope=0.2)');
    expect(stdout).toContain('(4): Dropout(p=0.5, inplace=False)');
    expect(stdout).toContain('(9): Linear(in_features=8, out_features=3, bias=True)');
    expect(stdout.trim().split('\n').at(-1)).toBe('output shape: torch.Size([4, 3])');
  });

  it('without weights keeps PyTorch initialisation and embeds no data', () => {
    const f = fixtures()[0];
    const script = exportPyTorch(f.model, { name: 'm', inputFeatures: 4, includeWeights: false });
    expect(script).not.toContain('WEIGHTS');
    expect(script).not.toContain('load_state_dict');
    expect(script).toContain("PyTorch's default initialisation");
    const dir = save(script);
    expect(python(['model.py'], dir).stdout).toContain('output shape: torch.Size([4, 3])');
    const r = runDriver(dir, 4, [randomInput(3, 4, 2)]);
    expect(r.outputs[0].shape).toEqual([3, 3]);
    // nn.Linear's default initialisation: weight and bias uniform in ±1/√in_features.
    const w = new Float32Array(Uint8Array.from(Buffer.from(r.state['2.weight'][1], 'base64')).buffer);
    expect(r.state['2.weight'][0]).toEqual([12, 16]);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(16));
  });

  it('reads the weights only when it embeds them', () => {
    const model = new Sequential(new Linear(2, 3, { rng: createRng(4) }), new ReLU(), new Linear(3, 2, { rng: createRng(5) }));
    (model.layers[2] as Linear).w.data[4] = Number.POSITIVE_INFINITY;
    expect(() => exportPyTorch(model, { name: 'm', inputFeatures: 2, includeWeights: true })).toThrow(
      'exportPyTorch: layer 2 ("linear_2") has weight[1, 1] = Infinity, which is not a finite float32',
    );
    expect(exportPyTorch(model, { name: 'm', inputFeatures: 2, includeWeights: false })).toContain('nn.Linear(3, 2),');
  });

  it("runs the docstring's usage example as written", () => {
    const f = fixtures()[0];
    const script = exportPyTorch(f.model, { name: 'm', inputFeatures: 4, includeWeights: true });
    const doc = script.slice(0, script.indexOf('"""', 3));
    const block = doc.slice(doc.indexOf('To use the model'), doc.indexOf('Loss:')).split('\n').slice(1);
    const example = block.map((l) => l.slice(4)).join('\n');
    expect(example).toContain('from model import build_model');
    const dir = save(script);
    writeFileSync(join(dir, 'example.py'), `${example}\nprint(tuple(probabilities.shape), probabilities.numpy().sum(axis=1).round(5).tolist())\n`);
    expect(python(['example.py'], dir).stdout.trim()).toBe('(8, 3) [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]');
  });

  it('documents running, using, the loss and Dropout at the top', () => {
    const f = fixtures()[0];
    const script = exportPyTorch(f.model, { name: 'Spiral classifier', inputFeatures: 4, layerNames: f.layerNames, includeWeights: true });
    expect(script.startsWith('"""Spiral classifier: a neural network exported from Backprop Studio.')).toBe(true);
    const doc = script.slice(0, script.indexOf('"""', 3));
    expect(doc).toContain('python model.py');
    expect(doc).toContain('from model import build_model');
    expect(doc).toContain('nn.CrossEntropyLoss()(logits, labels)');
    expect(doc).toContain('(integers 0..2, shape [batch])');
    expect(doc).toMatch(/nn\.Dropout zeroes units only in training mode/);
    expect(script).toContain('nn.Linear(4, 16),');
    expect(script).toContain('# [0] "fc-in"');
    expect(script).toContain('# [10] "loss": the cross-entropy loss');
    const noLoss = exportPyTorch(new Sequential(new Linear(2, 2, { rng: createRng(1) })), { name: 'n', inputFeatures: 2, includeWeights: true });
    expect(noLoss).toContain('the graph has no loss');
    expect(noLoss).not.toContain('nn.Dropout');
  });

  it('keeps any name inside its comment or docstring', () => {
    const rng = createRng(3);
    const model = new Sequential(new Linear(2, 3, { rng }), new ReLU(), new Dropout(0.3, { rng }), new Linear(3, 2, { rng }), new CrossEntropyLoss());
    const names = ['a\nprint("injected")', 'b"""', 'c\\', 'd\u2028e', 'ünïcødé 名前'];
    const script = exportPyTorch(model, { name: 'x"""\nimport os\\', inputFeatures: 2, layerNames: names, includeWeights: true });
    const dir = save(script);
    python(['-m', 'py_compile', 'model.py'], dir);
    const { stdout } = python(['model.py'], dir);
    expect(stdout).not.toContain('injected');
    // Each name reads back, through Python's own parser, from the comment that carries it.
    const check = `
import ast, json
source = open("model.py", encoding="utf-8").read()
body = source[source.index("def build_model"):source.index("return model")]
names = []
for line in body.split("\\n"):
    if "  # [" in line:
        names.append(ast.literal_eval(line.split("] ", 1)[1].split(": the cross", 1)[0]))
print(json.dumps(names))
import model
print(json.dumps(model.__doc__.split("\\n", 1)[0]))
`;
    writeFileSync(join(dir, 'check.py'), check);
    const [read, title] = python(['check.py'], dir).stdout.trim().split('\n');
    expect(JSON.parse(read)).toEqual(names);
    expect(JSON.parse(title)).toBe('x""" import os\\: a neural network exported from Backprop Studio.');
  });
});
