/**
 * The house's layering, checked on every `npm test`: dependencies point one way,
 * app → editor/viz → runtime → model → engine, with no cycles, no React below the editor,
 * and one way into each lower layer (its index.ts).
 */
const LAYERS = ['engine', 'model', 'runtime', 'viz', 'editor', 'app'];
/** What each layer may import besides itself. */
const MAY_USE = {
  engine: [],
  model: ['engine'],
  runtime: ['engine', 'model'],
  viz: ['engine', 'model', 'runtime'],
  editor: ['engine', 'model', 'runtime', 'viz'],
  app: ['engine', 'model', 'runtime', 'viz', 'editor'],
};
/** Layers whose insides others reach only through their index.ts. */
const FACED = ['engine', 'model', 'runtime', 'viz'];
/**
 * Modules run for their effect alone, which the worker's entry must evaluate before anything
 * else (an index, which loads everything it re-exports, cannot promise that order).
 */
const PRELUDES = ['^src/runtime/custom/interpreted-parsers\\.ts$'];
const TEST = '\\.test\\.tsx?$|/testing/|/testing\\.tsx?$|test-setup\\.ts$|test-utils\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules import each other in a circle: split out what both need.',
      from: { path: '^(src|workers)/' },
      to: { circular: true },
    },
    ...LAYERS.map((layer) => ({
      name: `layering-${layer}`,
      severity: 'error',
      comment: `src/${layer} may use only ${MAY_USE[layer].join(', ') || 'itself'} (app → editor/viz → runtime → model → engine).`,
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${LAYERS.filter((l) => l !== layer && !MAY_USE[layer].includes(l)).join('|')})/` },
    })),
    {
      name: 'worker-is-thin',
      severity: 'error',
      comment: 'The worker entry exposes the runtime and nothing else.',
      from: { path: '^workers/' },
      to: { path: '^src/(editor|viz|app)/' },
    },
    {
      name: 'no-react-below-the-editor',
      severity: 'error',
      comment: 'engine, model and runtime run in Node and the worker: no React, React Flow or stores there.',
      from: { path: '^src/(engine|model|runtime)/' },
      to: { path: '(^|/)node_modules/(react|react-dom|@xyflow/react|zustand|d3[^/]*)/' },
    },
    ...FACED.map((layer) => ({
      name: `through-the-index-of-${layer}`,
      severity: 'error',
      comment: `Other layers reach src/${layer} through src/${layer}/index.ts, its public face.`,
      from: { path: '^src/', pathNot: [`^src/${layer}/`, TEST] },
      to: { path: `^src/${layer}/`, pathNot: `^src/${layer}/index\\.ts$` },
    })),
    ...FACED.map((layer) => ({
      name: `worker-through-the-index-of-${layer}`,
      severity: 'error',
      comment: `The worker's entry reaches src/${layer} through src/${layer}/index.ts (and the preludes it must run first).`,
      from: { path: '^workers/', pathNot: TEST },
      to: { path: `^src/${layer}/`, pathNot: [`^src/${layer}/index\\.ts$`, ...PRELUDES] },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|e2e|bench|scripts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
