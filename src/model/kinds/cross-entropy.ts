import { CrossEntropyLoss, type Layer } from '../../engine';
import { noSuchWrt, notRunYet, type JacobianSpec } from './jacobian-spec';
import type { LossKind } from './kind';

export const crossEntropyKind: LossKind<'CrossEntropyLoss'> = {
  type: 'CrossEntropyLoss',
  displayName: 'Cross-entropy loss',
  category: 'loss',
  task: 'classification',
  description: 'Mean cross-entropy of the class scores against the labels.',
  idPrefix: 'loss',
  params: [],
  sparseOutput: false,
  widthParams: {},
  weights: [],
  layerClass: CrossEntropyLoss,
  summary: () => 'Cross-entropy loss',
  title: () => 'Cross-entropy loss',
  infer: (features, _p, from) =>
    features >= 2
      ? { ok: true, out: 'scalar', resolved: {} }
      : { ok: false, problem: { message: `receives ${features} score per sample from ${from}; cross-entropy compares at least 2 class scores. Give ${from} at least 2 outputs.` } },
  build: () => new CrossEntropyLoss(),
  paramsOf: () => ({}),
  jacobian: crossEntropyJacobian,
  loss: {
    pytorch: 'nn.CrossEntropyLoss()',
    pytorchDoc: ({ features: classes, name }) => [
      `Loss: the graph ends with a cross-entropy loss (${name}). In PyTorch that is`,
      'nn.CrossEntropyLoss()(logits, labels), with labels the class of each sample',
      `(integers 0..${classes - 1}, shape [batch]). It applies the softmax itself and averages over`,
      'the batch, as Backprop Studio does, so the network ends with raw scores, not a Softmax.',
    ],
    outputName: 'logits',
    outputDoc: 'The network output: raw class scores, before any softmax.',
    onnxHead: ({ output, batch, features, name }) => ({
      nodes: [
        {
          name,
          opType: 'Softmax',
          inputs: [output],
          outputs: ['probabilities'],
          attributes: [{ name: 'axis', int: 1 }],
          doc: 'Stands in for the cross-entropy loss at inference: the class probabilities it compares with the labels.',
        },
      ],
      outputs: [{ name: 'probabilities', shape: [batch, features], doc: 'softmax(logits) over the classes; each row sums to 1.' }],
    }),
  },
};

/** The per-sample losses ℓ[n] against the scores: ℓ[n] depends only on its own row, a 1 × C block per sample. */
function crossEntropyJacobian(layer: Layer, wrt: string): JacobianSpec {
  if (wrt !== 'input') throw noSuchWrt(layer, wrt, []);
  const l = layer as CrossEntropyLoss;
  const p = l.probabilities;
  const y = l.lastLabels;
  if (!p || !y) throw notRunYet(layer);
  const [n, c] = p.shape;
  const g = new Float32Array(n * c);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < c; k++) g[r * c + k] = p.data[r * c + k] - (k === y[r] ? 1 : 0);
  }
  return {
    pattern: 'block-diagonal',
    outDims: [n],
    wrtDims: p.shape,
    symbols: { out: 'ℓ', wrt: 'x' },
    formula: 'dℓ[n]/dx[m,c] = softmax(x[n])[c] − [c = y[n]] when n = m, else 0 (one 1 × C block per sample)',
    bytes: g.byteLength + p.data.byteLength,
    blocks: n,
    blockRows: 1,
    blockCols: c,
    own: g,
  };
}
