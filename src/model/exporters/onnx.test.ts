import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, MSELoss, ReLU, Sequential, createRng } from '../../engine';
import { exportOnnx, ONNX_IR_VERSION, ONNX_OPSET_VERSION } from './index';
import { engineForward, engineProbabilities, expectClose, fixtures, randomInput } from './testing/fixtures';

// onnxruntime-web's protobufjs decoder of onnx.proto, an independent reader of every field we
// write. The package's "exports" hide it, so it is loaded by path.
const require = createRequire(import.meta.url);
const onnxSchema = new URL('../../../node_modules/onnxruntime-web/lib/onnxjs/ort-schema/protobuf/onnx.js', import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { onnx } = require(fileURLToPath(onnxSchema)) as { onnx: any };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function decode(bytes: Uint8Array): any {
  return onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: Number, defaults: false });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const shapeOf = (v: any): (number | string)[] => v.type.tensorType.shape.dim.map((d: any) => d.dimParam ?? d.dimValue);

beforeAll(() => {
  // Node runs the WASM backend on the main thread; with more threads it would try to spawn workers.
  ort.env.wasm.numThreads = 1;
});

describe('exportOnnx in onnxruntime', () => {
  for (const f of fixtures()) {
    it(`matches the engine: ${f.title}`, async () => {
      const bytes = exportOnnx(f.model, { name: f.title, inputFeatures: f.inputFeatures, layerNames: f.layerNames, includeWeights: true });
      const session = await ort.InferenceSession.create(bytes);
      const hasLoss = f.model.layers.at(-1) instanceof CrossEntropyLoss;
      const name = f.model.layers.at(-1) instanceof MSELoss ? 'output' : 'logits';
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(hasLoss ? ['logits', 'probabilities'] : [name]);
      try {
        for (const [n, seed] of [[1, 1], [3, 2], [17, 3]]) {
          const x = randomInput(n, f.inputFeatures, seed);
          const out = await session.run({ input: new ort.Tensor('float32', x, [n, f.inputFeatures]) });
          const want = engineForward(f.model, x, n, f.inputFeatures);
          expect(out[name].dims).toEqual(want.shape);
          expect(out[name].type).toBe('float32');
          expectClose(`${name}, batch ${n}`, out[name].data as Float32Array, want);
          if (!hasLoss) continue;
          const probs = out.probabilities.data as Float32Array;
          expect(out.probabilities.dims).toEqual(want.shape);
          expectClose(`probabilities, batch ${n}`, probs, engineProbabilities(f.model, want));
          const c = want.shape[1];
          for (let r = 0; r < n; r++) {
            let sum = 0;
            for (let k = 0; k < c; k++) sum += probs[r * c + k];
            expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
          }
        }
      } finally {
        await session.release();
      }
    });
  }

  it('declares the input and outputs with a symbolic batch dimension', async () => {
    const f = fixtures()[0];
    const session = await ort.InferenceSession.create(exportOnnx(f.model, { name: 'm', inputFeatures: 4, includeWeights: false }));
    const meta = (list: readonly ort.InferenceSession.ValueMetadata[]) =>
      list.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name }));
    expect(meta(session.inputMetadata)).toEqual([{ name: 'input', type: 'float32', shape: ['batch', 4] }]);
    expect(meta(session.outputMetadata)).toEqual([
      { name: 'logits', type: 'float32', shape: ['batch', 3] },
      { name: 'probabilities', type: 'float32', shape: ['batch', 3] },
    ]);
    await session.release();
  });
});

describe('exportOnnx file contents', () => {
  it('holds the header, the graph and the weights bit for bit', () => {
    const f = fixtures()[0];
    const m = decode(exportOnnx(f.model, { name: 'Spiral net', inputFeatures: 4, layerNames: f.layerNames, includeWeights: true }));
    expect(m.irVersion).toBe(ONNX_IR_VERSION);
    expect(ONNX_IR_VERSION).toBe(8);
    expect(m.opsetImport).toEqual([{ domain: '', version: ONNX_OPSET_VERSION }]);
    expect(ONNX_OPSET_VERSION).toBeGreaterThanOrEqual(13);
    expect(m.producerName).toBe('Backprop Studio');
    expect(m.docString).toMatch(/values at the time of export/);
    const g = m.graph;
    expect(g.name).toBe('Spiral net');
    expect(g.node.map((n: { opType: string }) => n.opType)).toEqual([
      'Gemm', 'Relu', 'Gemm', 'LeakyRelu', 'Identity', 'Gemm', 'Sigmoid', 'Gemm', 'Tanh', 'Gemm', 'Softmax',
    ]);
    expect(g.node.map((n: { name: string }) => n.name)).toEqual(f.layerNames);
    const [gemm, , , leaky, , , , , , last, softmax] = g.node;
    expect(gemm.input).toEqual(['input', 'fc-in.weight', 'fc-in.bias']);
    expect(gemm.output).toEqual(['fc-in.output']);
    expect(gemm.attribute).toEqual([{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]);
    expect(leaky.attribute).toEqual([{ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: Math.fround(0.2) }]);
    expect(last.output).toEqual(['logits']);
    expect(softmax).toMatchObject({ input: ['logits'], output: ['probabilities'], attribute: [{ name: 'axis', i: 1 }] });

    const linears = f.model.layers.filter((l): l is Linear => l instanceof Linear);
    expect(g.initializer).toHaveLength(2 * linears.length);
    linears.forEach((l, i) => {
      const name = f.layerNames![f.model.layers.indexOf(l)];
      const [w, b] = g.initializer.slice(2 * i, 2 * i + 2);
      expect(w).toMatchObject({ name: `${name}.weight`, dims: [l.outFeatures, l.inFeatures], dataType: onnx.TensorProto.DataType.FLOAT });
      expect(b).toMatchObject({ name: `${name}.bias`, dims: [l.outFeatures], dataType: onnx.TensorProto.DataType.FLOAT });
      expect(Buffer.from(w.rawData)).toEqual(Buffer.from(l.w.data.buffer, l.w.data.byteOffset, l.w.data.byteLength));
      expect(Buffer.from(b.rawData)).toEqual(Buffer.from(l.b.data.buffer, l.b.data.byteOffset, l.b.data.byteLength));
    });

    expect(g.input.map((v: unknown) => [(v as { name: string }).name, shapeOf(v)])).toEqual([['input', ['batch', 4]]]);
    expect(g.output.map((v: unknown) => [(v as { name: string }).name, shapeOf(v)])).toEqual([
      ['logits', ['batch', 3]],
      ['probabilities', ['batch', 3]],
    ]);
    expect(g.input[0].type.tensorType.elemType).toBe(onnx.TensorProto.DataType.FLOAT);
    expect(g.valueInfo.map((v: unknown) => [(v as { name: string }).name, shapeOf(v)])).toEqual([
      ['fc-in.output', ['batch', 16]],
      ['relu.output', ['batch', 16]],
      ['hidden 2.output', ['batch', 12]],
      ['leaky.output', ['batch', 12]],
      ['drop.output', ['batch', 12]],
      ['fc3.output', ['batch', 10]],
      ['sig.output', ['batch', 10]],
      ['fc4.output', ['batch', 8]],
      ['tanh.output', ['batch', 8]],
    ]);
  });

  it('writes float64 weights rounded to float32', () => {
    const rng = createRng(5);
    const l = new Linear(2, 2, { rng, dtype: 'float64' });
    l.w.data.set([0.1, -1 / 3, 1e-40, 2]);
    const m = decode(exportOnnx(new Sequential(l), { name: 'd', inputFeatures: 2, includeWeights: true }));
    const raw = m.graph.initializer[0].rawData as Uint8Array;
    expect(Array.from(new Float32Array(raw.slice().buffer))).toEqual([0.1, -1 / 3, 1e-40, 2].map(Math.fround));
  });

  it('always carries the current weights, whatever includeWeights says', () => {
    const f = fixtures()[1];
    const a = exportOnnx(f.model, { name: 'x', inputFeatures: 5, includeWeights: true });
    const b = exportOnnx(f.model, { name: 'x', inputFeatures: 5, includeWeights: false });
    expect(Buffer.from(b)).toEqual(Buffer.from(a));
  });
});

describe('exportOnnx refuses what it cannot export', () => {
  const rng = createRng(9);
  const ok = () => new Sequential(new Linear(3, 4, { rng }), new ReLU(), new Linear(4, 2, { rng }), new CrossEntropyLoss());

  it('names the layer whose input size is wrong', () => {
    expect(() => exportOnnx(ok(), { name: 'm', inputFeatures: 5, includeWeights: true })).toThrow(
      'exportOnnx: layer 0 ("linear_0", Linear(in_features=3, out_features=4)) expects 3 input features, but 5 arrive',
    );
    const broken = new Sequential(new Linear(3, 4, { rng }), new Linear(5, 2, { rng }));
    expect(() => exportOnnx(broken, { name: 'm', inputFeatures: 3, layerNames: ['a', 'b'], includeWeights: true })).toThrow(
      'layer 1 ("b", Linear(in_features=5, out_features=2)) expects 5 input features, but 4 arrive',
    );
  });

  it('wants the loss last, and known layers only', () => {
    const lossFirst = new Sequential(new Linear(3, 2, { rng }), new CrossEntropyLoss(), new ReLU());
    expect(() => exportOnnx(lossFirst, { name: 'm', inputFeatures: 3, includeWeights: true })).toThrow('layer 2 ("relu_2", ReLU) follows the loss');
    const nested = new Sequential(new Sequential(new ReLU()));
    expect(() => exportOnnx(nested, { name: 'm', inputFeatures: 3, includeWeights: true })).toThrow('layer 0 ("layer_0", Sequential) cannot be exported');
  });

  it('checks the options', () => {
    expect(() => exportOnnx(ok(), { name: ' ', inputFeatures: 3, includeWeights: true })).toThrow('options.name');
    expect(() => exportOnnx(ok(), { name: 'm', inputFeatures: 0, includeWeights: true })).toThrow('options.inputFeatures to be a positive integer, got 0');
    expect(() => exportOnnx(ok(), { name: 'm', inputFeatures: 3, layerNames: ['a', 'b'], includeWeights: true })).toThrow('one name per layer (4), got 2');
    expect(() => exportOnnx(ok(), { name: 'm', inputFeatures: 3, layerNames: ['a', 'b', 'a', 'c'], includeWeights: true })).toThrow(
      'options.layerNames[2] repeats "a" (also at 0)',
    );
    expect(() => exportOnnx({} as Sequential, { name: 'm', inputFeatures: 3, includeWeights: true })).toThrow('expected the model to be a Sequential');
  });

  it('names a weight that is not finite', () => {
    const m = ok();
    (m.layers[2] as Linear).w.data[1 * 4 + 3] = Number.NaN;
    expect(() => exportOnnx(m, { name: 'm', inputFeatures: 3, includeWeights: true })).toThrow(
      'layer 2 ("linear_2") has weight[1, 3] = NaN, which is not a finite float32',
    );
    const big = new Sequential(new Linear(1, 2, { rng, dtype: 'float64' }));
    (big.layers[0] as Linear).b.data[1] = 1e39;
    expect(() => exportOnnx(big, { name: 'm', inputFeatures: 1, includeWeights: true })).toThrow('has bias[1] = 1e+39, which is not a finite float32');
  });
});
