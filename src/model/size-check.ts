import { nodeName, type DiagnosticList, type Shape } from './diagnostics';
import { layerKind } from './kinds';
import { formatBytes, largestBatch, MAX_ACTIVATION_BYTES, MAX_MODEL_PARAMS } from './limits';
import type { ModelNode, TrainingSettings } from './schema';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Refuses a model too large for a browser tab before anything is allocated: its parameters,
 * and the activations a forward pass keeps for the largest batch it runs (every layer's
 * output, float32). Each message states the size and the limit and names the layer to shrink.
 */
export function checkSize(
  layers: readonly { node: ModelNode; paramCount: number; shape: Shape }[],
  inputShape: Shape,
  training: TrainingSettings | undefined,
  diags: DiagnosticList,
): void {
  let total = 0;
  let largest = layers[0];
  for (const l of layers) {
    total += l.paramCount;
    if (l.paramCount > (largest?.paramCount ?? 0)) largest = l;
  }
  if (total > MAX_MODEL_PARAMS) {
    diags.error(
      () =>
        `The model would hold ${count(total)} parameters (${formatBytes(total * 4)} as float32); the limit is ${count(MAX_MODEL_PARAMS)}. ` +
        `${nodeName(largest.node)} alone holds ${count(largest.paramCount)}: make it smaller.`,
      { nodeId: largest.node.id, ...outField(largest.node) },
    );
  }

  const rows = largestBatch(training);
  if (rows === 0) return;
  let perSample = width(inputShape);
  let widest = layers[0];
  for (const l of layers) {
    perSample += width(l.shape);
    if (width(l.shape) > width(widest?.shape ?? [])) widest = l;
  }
  const bytes = rows * perSample * 4;
  if (bytes > MAX_ACTIVATION_BYTES) {
    diags.error(
      () =>
        `A forward pass over ${count(rows)} samples would keep ${formatBytes(bytes)} of activations (${count(perSample)} numbers per sample); the limit is ${formatBytes(MAX_ACTIVATION_BYTES)}. ` +
        `Make ${widest ? nodeName(widest.node) : 'the Input'} narrower, or use fewer samples or a smaller batch.`,
      widest ? { nodeId: widest.node.id, ...outField(widest.node) } : {},
    );
  }
}

function width(shape: Shape): number {
  return typeof shape[1] === 'number' ? shape[1] : 0;
}

function outField(node: ModelNode): { field?: string } {
  const out = layerKind(node.type)?.widthParams.out;
  return out ? { field: out } : {};
}
