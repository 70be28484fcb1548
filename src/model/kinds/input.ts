import type { NodeKind } from './kind';
import { sizeParam } from './params';

/** Where the batch enters: [N, features]. It is a node of the graph, not a layer of the model. */
export const inputKind: NodeKind<'Input'> = {
  type: 'Input',
  displayName: 'Input',
  category: 'input',
  description: 'The batch of samples, [N, features].',
  idPrefix: 'input',
  params: [sizeParam('features', 'Features', 'Number of features of each sample.', 2)],
  sparseOutput: false,
  widthParams: { out: 'features' },
  summary: (p) => `Input ${p.features ?? 2}`,
};
