/** The kinds of node, one module each, and the registry that lists them. */
export * from './kind';
export * from './registry';
export { MAX_FEATURES, checkParamValue, isSize, paramValue, rangeText, resolveParams } from './params';
export type { JacobianPattern, JacobianSpec } from './jacobian-spec';
export { CODE_TEMPLATES, DEFAULT_CODE, type CodeTemplate } from './custom-templates';
