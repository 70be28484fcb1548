import type { ActivationName, Layer } from '../../engine';
import type { OnnxAttribute, OnnxNode, OnnxValueInfo } from '../exporters/onnx-proto';
import type { JacobianSpec } from './jacobian-spec';

/**
 * What the app knows about one kind of node, in one place. Each kind is a module of
 * `src/model/kinds/` exporting one of these; `registry.ts` lists them. The schema, the
 * analysis, the compiler, the exporters, the Jacobian views and the editor read a kind
 * only through these facets, so adding a kind touches its module (and its engine layer).
 */

export type Category = 'input' | 'layer' | 'activation' | 'regularization' | 'loss';

export interface ParamSpec {
  /** snake_case, as PyTorch names it. */
  name: string;
  label: string;
  kind: 'integer' | 'number';
  /** Taken when the parameter is absent; a parameter without one is inferred or optional. */
  default?: number;
  /** Absent means inferred from the graph (`in_features`) or an engine default (`wstd`). */
  optional?: boolean;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  help: string;
}

/** Parameters as a node stores them: any may be absent. */
export type NodeParams = Readonly<Record<string, number | undefined>>;
/** Parameters with defaults applied and inferred sizes filled in. */
export type Resolved = Readonly<Record<string, number>>;

/** A parameter tensor of a layer, in the order of the engine layer's params(). */
export interface WeightSpec {
  /** The engine's name (`w`, `b`), used in documents. */
  name: string;
  /** Each dimension named by the resolved parameter it equals. */
  dims: readonly string[];
  /** PyTorch's and ONNX's name (`weight`, `bias`). */
  exportName: string;
}

/** Facets every node kind has, the Input included. */
export interface NodeKind<T extends string = string> {
  readonly type: T;
  /** The palette's and the node's title. */
  readonly displayName: string;
  readonly category: Category;
  /** One line for the palette, the JSON Schema and the docs. */
  readonly description: string;
  /** New nodes are named `<prefix><n>`: `fc1`, `relu2`. */
  readonly idPrefix: string;
  readonly params: readonly ParamSpec[];
  /**
   * Parameters that state the feature width flowing in and out, when the kind has them
   * (Linear: in_features, out_features; Input: out = features). Editing tools use them to
   * make a graph fit its data.
   */
  readonly widthParams: { readonly in?: string; readonly out?: string };
  /** True when its output holds exact zeros for many units (ReLU, Dropout): the node shows their share. */
  readonly sparseOutput: boolean;
  /** The node's key parameters in one line: `Linear 200 → 1000`, `Dropout p=0.5`. */
  summary(p: NodeParams, inferredIn?: number): string;
  /**
   * Present when the node carries code (a Custom layer): its text is the node's `code`,
   * starting as `defaultCode`. Code runs only in the engine worker, and only once trusted.
   */
  readonly code?: { readonly defaultCode: string };
}

/** What a shape rule decides for a node fed `features` per sample. */
export type Inference =
  | {
      ok: true;
      /** Features per sample coming out, or 'scalar' for a loss. */
      out: number | 'scalar';
      resolved: Resolved;
    }
  | {
      ok: false;
      /** Why the node cannot take this input; null when another check reports the cause (a bad parameter). */
      problem: { message: string; field?: string } | null;
    };

export interface BuildContext {
  /** Seeds a random generator for this node (initial weights, dropout masks), by purpose. */
  seed(purpose: 'init' | 'dropout'): number;
  /** The node's code, for a kind that carries code. */
  code?: string;
  /** Compiles code into a layer: given only where code may run (the engine worker, once the user trusts it). */
  codeLayer?: CodeLayerFactory;
}

/** Builds a layer from code for `in → out` features; throws (with a line and column when it can) when the code is wrong. */
export type CodeLayerFactory = (code: string, inFeatures: number, outFeatures: number, seed: number) => Layer;

/** How an inference layer appears in an exported PyTorch script and ONNX graph. */
export interface LayerExport {
  /** The `nn.Module` constructor call, e.g. `nn.Linear(2, 16)`; its weights load by `WeightSpec.exportName`. */
  pytorch(r: Resolved): string;
  /**
   * The ONNX operator computing the layer. Its inputs are the layer's input followed by the
   * initializers `<node>.<exportName>` of `weightInputs`, in that order.
   */
  onnx(r: Resolved): { opType: string; attributes?: readonly OnnxAttribute[]; doc: string; weightInputs: readonly string[] };
}

/** Facets of every kind that compiles into an engine layer. */
interface LayerFacets<T extends string> extends NodeKind<T> {
  /** The weights, when the kind fixes them; a kind with code declares its own in the code (`weights` is then empty). */
  readonly weights: readonly WeightSpec[];
  /** The engine layer's class; a built layer belongs to the kind whose class is exactly its own. */
  readonly layerClass: abstract new (...args: never[]) => Layer;
  /**
   * Shape rule: the output for `features` per sample coming in from the node named `from`.
   * A problem's message continues the node's name: "expects 3 input features … from Input 'x'. …".
   */
  infer(features: number, p: NodeParams, from: string): Inference;
  /** The built layer's title, e.g. `Linear(100 → 50)`. */
  title(r: Resolved): string;
  build(r: Resolved, ctx: BuildContext): Layer;
  /** The parameters a built layer was made with: `paramsOf(build(r))` gives back r (but for inferred-only extras like wstd). */
  paramsOf(layer: Layer): Resolved;
  /**
   * The layer's Jacobian on its last batch, described analytically without materialising it,
   * w.r.t. its input (`'input'`) or one of its weights by name.
   */
  jacobian(layer: Layer, wrt: string): JacobianSpec;
  /** The MLP builder's name for this activation, when it is one of its choices. */
  readonly mlpActivation?: ActivationName;
}

/** A layer of the inference network. */
export interface InferenceKind<T extends string = string> extends LayerFacets<T> {
  readonly category: 'layer' | 'activation' | 'regularization';
  readonly export: LayerExport;
}

/** What a loss compares the network's output with. */
export type Task = 'classification' | 'regression';

/** A kind that ends the chain, turning the network's output and the targets into one number. */
export interface LossKind<T extends string = string> extends LayerFacets<T> {
  readonly category: 'loss';
  readonly task: Task;
  readonly loss: {
    /** The PyTorch criterion, e.g. `nn.CrossEntropyLoss()`. */
    pytorch: string;
    /** Docstring lines of a PyTorch export: what the criterion takes and how it maps; `name` is the loss node's (docstring-safe). */
    pytorchDoc(io: { features: number; name: string }): string[];
    /** The ONNX output holding the network's output (`logits` for class scores), and what it is. */
    outputName: string;
    outputDoc: string;
    /** Further ONNX outputs computed from the network's output (e.g. softmax probabilities). */
    onnxHead(io: { output: string; batch: string; features: number; name: string }): { nodes: OnnxNode[]; outputs: OnnxValueInfo[] };
  };
}

export type LayerKind = InferenceKind | LossKind;

export function isLossKind(k: NodeKind): k is LossKind {
  return k.category === 'loss';
}
