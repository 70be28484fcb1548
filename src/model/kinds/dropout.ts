import { createRng, Dropout, type Layer } from '../../engine';
import { pyFloat } from '../exporters/python-text';
import { elementwiseKind } from './elementwise';

export const dropoutKind = elementwiseKind({
  type: 'Dropout',
  displayName: 'Dropout',
  category: 'regularization',
  description: 'Inverted dropout; the identity when evaluating.',
  idPrefix: 'drop',
  sparseOutput: true,
  params: [{ name: 'p', label: 'Drop probability', kind: 'number', default: 0.5, min: 0, max: 1, maxExclusive: true, help: 'Probability of zeroing a unit while training, 0 ≤ p < 1.' }],
  describe: (r) => `p=${r.p}`,
  layerClass: Dropout,
  build: (r, ctx) => new Dropout(r.p, { rng: createRng(ctx.seed('dropout')) }),
  paramsOf: (layer: Layer) => ({ p: (layer as Dropout).p }),
  derivativeText: 'for Dropout, f′ = mask/(1 − p): 0 for a dropped unit',
  export: {
    pytorch: (r) => `nn.Dropout(p=${pyFloat(r.p)})`,
    // Exported for inference, where dropout passes its input through.
    onnx: (r) => ({ opType: 'Identity', doc: `Dropout(p=${r.p}): the identity at inference.`, weightInputs: [] }),
  },
});
