import { Layer } from './layer';
import type { Tensor } from './tensor';

/**
 * A layer whose forward and backward are code written by the user, compiled and run by
 * the runtime (only ever in the engine worker). The engine and the model know it by this
 * face: its widths, its source, and its last input (for its Jacobian).
 */
export abstract class CodeLayer extends Layer {
  abstract readonly inFeatures: number;
  abstract readonly outFeatures: number;
  /** The source the layer was compiled from. */
  abstract readonly code: string;
  abstract readonly lastInput: Tensor | null;
  /** Whether the code has its own jvp (else the layer derives the JVP numerically from its forward). */
  abstract readonly providesJvp: boolean;
}
