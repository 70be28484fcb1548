import { LeakyReLU, ReLU, Sigmoid, TanH } from './activations';
import { checkNumber, describe } from './checks';
import { Dropout } from './dropout';
import { Layer, type Param } from './layer';
import { Linear } from './linear';
import { defaultRng, type Rng } from './rng';
import { listLayers, Sequential } from './sequential';
import type { DType, Tensor } from './tensor';

export type ActivationName = 'relu' | 'lrelu' | 'sigmoid' | 'tanh';
export const ACTIVATIONS: readonly ActivationName[] = ['relu', 'lrelu', 'sigmoid', 'tanh'];

export interface MLPOptions {
  activation?: ActivationName;
  /** Dropout probability after each hidden activation; 0 adds no Dropout layers. */
  dropout?: number;
  wstd?: number;
  rng?: Rng;
}

export function makeActivation(name: ActivationName): Layer {
  switch (name) {
    case 'relu':
      return new ReLU();
    case 'lrelu':
      return new LeakyReLU();
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new TanH();
  }
}

/**
 * The homework's multilayer perceptron: for each hidden size,
 * Linear → activation [→ Dropout when dropout > 0]; then a final Linear to the classes.
 */
export class MLP extends Layer {
  readonly sequence: Sequential;
  readonly inFeatures: number;
  readonly numClasses: number;
  readonly hiddenFeatures: readonly number[];

  constructor(inFeatures: number, numClasses: number, hiddenFeatures: readonly number[], options: MLPOptions = {}) {
    super();
    const where = 'MLP';
    this.inFeatures = checkNumber(where, 'in_features', inFeatures, { integer: true, min: 1 });
    this.numClasses = checkNumber(where, 'num_classes', numClasses, { integer: true, min: 1 });
    if (!Array.isArray(hiddenFeatures)) {
      throw new TypeError(`${where}: expected hidden_features to be an array of positive integers, got ${describe(hiddenFeatures)}`);
    }
    hiddenFeatures.forEach((h, i) => checkNumber(where, `hidden_features[${i}]`, h, { integer: true, min: 1 }));
    const activation = options.activation ?? 'relu';
    if (!ACTIVATIONS.includes(activation)) {
      throw new RangeError(`${where}: expected activation to be one of ${ACTIVATIONS.join(', ')}, got ${describe(activation)}`);
    }
    const dropout = checkNumber(where, 'dropout', options.dropout ?? 0, { min: 0, max: 1 });
    const rng = options.rng ?? defaultRng();
    const layers: Layer[] = [];
    let prev = inFeatures;
    for (const h of hiddenFeatures) {
      layers.push(new Linear(prev, h, { wstd: options.wstd, rng }), makeActivation(activation));
      if (dropout > 0) layers.push(new Dropout(dropout, { rng }));
      prev = h;
    }
    layers.push(new Linear(prev, numClasses, { wstd: options.wstd, rng }));
    this.sequence = new Sequential(...layers);
    this.hiddenFeatures = [...hiddenFeatures];
  }

  forward(x: Tensor, y?: ArrayLike<number>): Tensor {
    return this.sequence.forward(x, y);
  }

  backward(dout?: Tensor): Tensor {
    return this.sequence.backward(dout);
  }

  override backwardParams(dout?: Tensor): void {
    this.sequence.backwardParams(dout);
  }

  /** The JVP of its Sequential (parameter tangents laid out as `params()`). */
  jvp(dx: Tensor | null, dparams?: readonly (Tensor | null)[]): Tensor {
    return this.sequence.jvp(dx, dparams);
  }

  override params(): Param[] {
    return this.sequence.params();
  }

  override children(): readonly Layer[] {
    return [this.sequence];
  }

  clone(dtype?: DType, rngs: Map<Rng, Rng> = new Map()): MLP {
    const c = Object.create(MLP.prototype) as MLP;
    Object.assign(c, this, { sequence: this.sequence.clone(dtype, rngs), hiddenFeatures: [...this.hiddenFeatures] });
    return c;
  }

  toString(): string {
    return listLayers('MLP, Sequential', this.sequence.layers);
  }
}
