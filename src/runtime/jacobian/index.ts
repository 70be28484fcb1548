/**
 * The structure of a layer's Jacobian on its last batch, derived analytically and summarised
 * on a tile grid with exact per-tile non-zero fractions and maxima, without materialising it.
 */
export { jacobianStructure, DENSE_LIMIT } from './structure';
export type { JacobianOptions, JacobianPattern, JacobianStructure, JacobianTiles, JacobianWrt } from './types';
