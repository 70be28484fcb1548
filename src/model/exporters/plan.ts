import { CrossEntropyLoss, Dropout, LeakyReLU, Linear, ReLU, Sequential, Sigmoid, TanH, type Layer, type Tensor } from '../../engine';

/** What both exporters need besides the model. */
export interface ExportOptions {
  /** The model's name: the title of the Python script, the name of the ONNX graph. */
  name: string;
  /** Features of each input sample (the Input node's `features`). */
  inputFeatures: number;
  /**
   * One name per layer of the model, the final loss included (e.g. the graph's node ids).
   * Default: the layer kind and position, `linear_0`, `relu_1`, …
   */
  layerNames?: readonly string[];
  /**
   * PyTorch: embed the current weights (true) or leave PyTorch's default initialisation (false).
   * ONNX: ignored — an ONNX graph needs concrete initializers, so it always carries the current weights.
   */
  includeWeights: boolean;
}

interface Named {
  /** Position in the model's `layers`. */
  index: number;
  name: string;
}

export type LayerPlan = Named &
  (
    | { kind: 'linear'; inFeatures: number; outFeatures: number; layer: Linear }
    | { kind: 'relu' }
    | { kind: 'leaky_relu'; alpha: number }
    | { kind: 'sigmoid' }
    | { kind: 'tanh' }
    | { kind: 'dropout'; p: number }
  );

/** The inference network of a model, checked and flattened into what an exporter writes. */
export interface ExportPlan {
  name: string;
  inputFeatures: number;
  /** The inference layers, in order (the loss is not one of them). */
  layers: LayerPlan[];
  /** Features of the network's output (the class count when a loss follows). */
  outputFeatures: number;
  /** The final cross-entropy loss, when the model ends with one. */
  loss: Named | null;
}

/** Checks a model and its options and lists its layers; `where` names the exporter in errors. */
export function planExport(where: string, model: Sequential, options: ExportOptions): ExportPlan {
  if (!(model instanceof Sequential)) throw new TypeError(`${where}: expected the model to be a Sequential, got ${String(model)}`);
  if (!options || typeof options !== 'object') throw new TypeError(`${where}: expected options, got ${String(options)}`);
  const { name, inputFeatures, layerNames } = options;
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError(`${where}: expected options.name to be a non-empty string, got ${JSON.stringify(name)}`);
  if (!Number.isInteger(inputFeatures) || inputFeatures < 1) {
    throw new RangeError(`${where}: expected options.inputFeatures to be a positive integer, got ${String(inputFeatures)}`);
  }
  const names = layerNamesOf(where, model.layers, layerNames);

  const layers: LayerPlan[] = [];
  let loss: Named | null = null;
  let features = inputFeatures;
  for (let index = 0; index < model.layers.length; index++) {
    const layer = model.layers[index];
    const name = names[index];
    const at = `${where}: layer ${index} (${JSON.stringify(name)}, ${String(layer).split('\n')[0]})`;
    if (loss) throw new Error(`${at} follows the loss; the loss must be the last layer`);
    if (layer instanceof Linear) {
      if (layer.inFeatures !== features) throw new Error(`${at} expects ${layer.inFeatures} input features, but ${features} arrive`);
      layers.push({ index, name, kind: 'linear', inFeatures: layer.inFeatures, outFeatures: layer.outFeatures, layer });
      features = layer.outFeatures;
    } else if (layer instanceof ReLU) layers.push({ index, name, kind: 'relu' });
    else if (layer instanceof LeakyReLU) layers.push({ index, name, kind: 'leaky_relu', alpha: layer.alpha });
    else if (layer instanceof Sigmoid) layers.push({ index, name, kind: 'sigmoid' });
    else if (layer instanceof TanH) layers.push({ index, name, kind: 'tanh' });
    else if (layer instanceof Dropout) layers.push({ index, name, kind: 'dropout', p: layer.p });
    else if (layer instanceof CrossEntropyLoss) loss = { index, name };
    else throw new Error(`${at} cannot be exported; expected Linear, ReLU, LeakyReLU, Sigmoid, TanH, Dropout or a final CrossEntropyLoss`);
  }
  return { name, inputFeatures, layers, outputFeatures: features, loss };
}

function layerNamesOf(where: string, layers: readonly Layer[], given: readonly string[] | undefined): string[] {
  if (given === undefined) return layers.map((l, i) => `${kindName(l)}_${i}`);
  if (!Array.isArray(given) || given.length !== layers.length) {
    throw new Error(`${where}: expected options.layerNames to hold one name per layer (${layers.length}), got ${Array.isArray(given) ? given.length : String(given)}`);
  }
  const seen = new Map<string, number>();
  given.forEach((n, i) => {
    if (typeof n !== 'string' || n === '') throw new Error(`${where}: expected options.layerNames[${i}] to be a non-empty string, got ${JSON.stringify(n)}`);
    const first = seen.get(n);
    if (first !== undefined) throw new Error(`${where}: options.layerNames[${i}] repeats ${JSON.stringify(n)} (also at ${first}); layer names must be unique`);
    seen.set(n, i);
  });
  return [...given];
}

// instanceof, not constructor.name: a minified build renames classes.
function kindName(l: Layer): string {
  if (l instanceof Linear) return 'linear';
  if (l instanceof ReLU) return 'relu';
  if (l instanceof LeakyReLU) return 'leaky_relu';
  if (l instanceof Sigmoid) return 'sigmoid';
  if (l instanceof TanH) return 'tanh';
  if (l instanceof Dropout) return 'dropout';
  if (l instanceof CrossEntropyLoss) return 'loss';
  return 'layer';
}

/**
 * A Linear layer's weight [out, in] and bias [out] as float32 (the exported files' type),
 * refusing values that are not finite (or overflow float32), with the position named.
 */
export function linearWeights(where: string, l: LayerPlan & { kind: 'linear' }): { weight: Float32Array; bias: Float32Array } {
  return {
    weight: finiteFloat32(where, l, 'weight', l.layer.w, l.inFeatures),
    bias: finiteFloat32(where, l, 'bias', l.layer.b, l.outFeatures),
  };
}

function finiteFloat32(where: string, l: Named, field: string, t: Tensor, cols: number): Float32Array {
  const f = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
  for (let i = 0; i < f.length; i++) {
    if (!Number.isFinite(f[i])) {
      const pos = field === 'bias' ? `[${i}]` : `[${Math.floor(i / cols)}, ${i % cols}]`;
      throw new Error(`${where}: layer ${l.index} (${JSON.stringify(l.name)}) has ${field}${pos} = ${t.data[i]}, which is not a finite float32; the model cannot be exported`);
    }
  }
  return f;
}
