import { Sequential, type Layer, type Tensor } from '../../engine';
import { isLossKind, kindOfLayer, LAYER_KINDS, type InferenceKind, type LossKind, type Resolved, type WeightSpec } from '../kinds';

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

/** One layer of the inference network, with its kind and the parameters it was built with. */
export interface LayerPlan extends Named {
  kind: InferenceKind;
  layer: Layer;
  params: Resolved;
  inFeatures: number;
  outFeatures: number;
}

/** The inference network of a model, checked and flattened into what an exporter writes. */
export interface ExportPlan {
  name: string;
  inputFeatures: number;
  /** The inference layers, in order (the loss is not one of them). */
  layers: LayerPlan[];
  /** Features of the network's output (the class count when a classification loss follows). */
  outputFeatures: number;
  /** The final loss, when the model ends with one. */
  loss: (Named & { kind: LossKind }) | null;
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
  let loss: ExportPlan['loss'] = null;
  let features = inputFeatures;
  for (let index = 0; index < model.layers.length; index++) {
    const layer = model.layers[index];
    const name = names[index];
    const at = `${where}: layer ${index} (${JSON.stringify(name)}, ${String(layer).split('\n')[0]})`;
    if (loss) throw new Error(`${at} follows the loss; the loss must be the last layer`);
    const kind = kindOfLayer(layer);
    if (!kind) throw new Error(`${at} cannot be exported; expected ${exportable()}`);
    const params = kind.paramsOf(layer);
    const inParam = kind.widthParams.in;
    if (inParam && params[inParam] !== features) throw new Error(`${at} expects ${params[inParam]} input features, but ${features} arrive`);
    const shape = kind.infer(features, params, `the layer before (${features} features)`);
    if (!shape.ok) throw new Error(`${at} ${shape.problem?.message ?? `cannot take ${features} input features`}`);
    if (isLossKind(kind)) {
      loss = { index, name, kind };
      continue;
    }
    const out = shape.out as number;
    layers.push({ index, name, kind, layer, params, inFeatures: features, outFeatures: out });
    features = out;
  }
  return { name, inputFeatures, layers, outputFeatures: features, loss };
}

function exportable(): string {
  const kinds = LAYER_KINDS.map((k) => (isLossKind(k) ? `a final ${k.type}` : k.type));
  return `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
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

/** `linear`, `leaky_relu`, `loss`: the default name of a layer, from its kind. */
function kindName(l: Layer): string {
  const kind = kindOfLayer(l);
  if (!kind) return 'layer';
  if (isLossKind(kind)) return 'loss';
  // LeakyReLU → leaky_relu; ReLU and TanH stay one word.
  return kind.type.replace(/([a-z])([A-Z])(?=[a-z])/g, '$1_$2').toLowerCase();
}

/**
 * A layer's weights as float32 (the exported files' type), in the order of its kind's
 * weight specs, refusing values that are not finite (or overflow float32), with the position named.
 */
export function exportWeights(where: string, l: LayerPlan): { spec: WeightSpec; dims: number[]; values: Float32Array }[] {
  const params = l.layer.params();
  // A Custom layer's weights are the ones its code declared, under their own names.
  if (l.kind.code) return params.map((p) => ({ spec: { name: p.name, dims: [], exportName: p.name }, dims: [...p.value.shape], values: finiteFloat32(where, l, p.name, p.value) }));
  return l.kind.weights.map((spec, k) => {
    const t = params[k].value;
    return { spec, dims: [...t.shape], values: finiteFloat32(where, l, spec.exportName, t) };
  });
}

function finiteFloat32(where: string, l: Named, field: string, t: Tensor): Float32Array {
  const f = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
  const cols = t.shape.length > 1 ? t.shape[t.shape.length - 1] : 0;
  for (let i = 0; i < f.length; i++) {
    if (!Number.isFinite(f[i])) {
      const pos = cols === 0 ? `[${i}]` : `[${Math.floor(i / cols)}, ${i % cols}]`;
      throw new Error(`${where}: layer ${l.index} (${JSON.stringify(l.name)}) has ${field}${pos} = ${t.data[i]}, which is not a finite float32; the model cannot be exported`);
    }
  }
  return f;
}
