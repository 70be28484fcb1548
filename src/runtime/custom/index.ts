/** Custom layers: the user's code compiled into engine layers, its checks, and the worker's lockdown. */
export { checkCode, type CodeReport, type DiffLine, type WorstEntry } from './check-code';
export { createCodeLayerFactory, refuseCode } from './code-layers';
export { CodeError, compileCode } from './compile-code';
export { CustomLayer } from './custom-layer';
export { lockDownWorkerScope, isLockedDown } from './lockdown';
