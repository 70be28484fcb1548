import type { Sequential } from '../../engine';
import { codeStub, codeStubName } from './code-stub';
import { exportWeights, planExport, type ExportOptions, type ExportPlan, type LayerPlan } from './plan';
import { float32LE } from './protobuf';
import { base64Lines, docText, pyString } from './python-text';

/** Options of the PyTorch export; `includeWeights: false` leaves PyTorch's default initialisation. */
export type PyTorchExportOptions = ExportOptions;

/** Batch size of the script's self-check. */
const CHECK_BATCH = 4;

/**
 * A self-contained Python script (Python 3.9+, `torch` and the standard library) that
 * rebuilds the model's inference network as an `nn.Sequential`, loads the weights bit
 * for bit when they are included, and, run as `python model.py`, checks itself with a
 * forward pass on a random batch. The loss is not part of the network; the docstring
 * says how it maps to `nn.CrossEntropyLoss`.
 */
export function exportPyTorch(model: Sequential, options: PyTorchExportOptions): string {
  const where = 'exportPyTorch';
  const plan = planExport(where, model, options);
  const weights = options.includeWeights === true;
  const lines = [
    ...docstring(plan, weights),
    '',
    ...(weights ? ['import array', 'import base64', 'import sys', ''] : []),
    'import torch',
    'from torch import nn',
    '',
    `INPUT_FEATURES = ${plan.inputFeatures}`,
    `OUTPUT_FEATURES = ${plan.outputFeatures}`,
    '',
    '',
    ...plan.layers.filter((l) => l.kind.code).flatMap((l) => [...codeStub(l), '', '']),
    ...buildModel(plan, weights),
    ...(weights ? ['', '', ...weightsSection(where, plan)] : []),
    '',
    '',
    ...selfCheck(),
  ];
  return lines.join('\n') + '\n';
}

function docstring(plan: ExportPlan, weights: boolean): string[] {
  const f = plan.inputFeatures;
  const c = plan.outputFeatures;
  const hasDropout = plan.layers.some((l) => l.kind.type === 'Dropout');
  return [
    `"""${docText(plan.name)}: a neural network exported from Backprop Studio.`,
    '',
    'Requires Python 3.9+ and PyTorch, nothing else. Run it with',
    '',
    '    python model.py',
    '',
    weights
      ? 'to build the network, load the weights exported with it and check it: it prints'
      : 'to build the network (with freshly initialised weights) and check it: it prints',
    `the network, runs it on a random batch of ${CHECK_BATCH} samples and prints the output shape,`,
    `torch.Size([${CHECK_BATCH}, ${c}]).`,
    '',
    'To use the model from your own code (with this file saved as model.py):',
    '',
    '    import torch',
    '    from model import build_model',
    '',
    commented('    model = build_model()', weights ? 'weights loaded, evaluation mode' : 'evaluation mode'),
    commented(`    x = torch.randn(8, ${f})`, `8 samples, ${f} features each`),
    '    with torch.no_grad():',
    ...(plan.loss?.kind.task === 'classification'
      ? [commented('        logits = model(x)', `[8, ${c}]: raw class scores`), '    probabilities = torch.softmax(logits, dim=1)']
      : [commented('        y = model(x)', `[8, ${c}]`)]),
    '',
    ...(plan.loss ? plan.loss.kind.loss.pytorchDoc({ features: c, name: docText(plan.loss.name) }) : ['Loss: the graph has no loss; the network ends with its last layer.']),
    '',
    ...(hasDropout
      ? [
          'Dropout: nn.Dropout zeroes units only in training mode (after model.train()). In',
          'evaluation mode (model.eval(), how build_model() returns the network) it passes its',
          'input through unchanged, as Backprop Studio does when it evaluates.',
        ]
      : ['build_model() returns the network in evaluation mode; call model.train() to train it further.']),
    '',
    weights
      ? 'Weights: embedded below as base64 little-endian float32, bit for bit the values from Backprop Studio.'
      : "Weights: not exported. Each nn.Linear starts from PyTorch's default initialisation.",
    '"""',
  ];
}

/** 'Cross-entropy loss' → 'cross-entropy loss'; an acronym ('MSE loss') keeps its capitals. */
function lowerFirst(s: string): string {
  return /^[A-Z][A-Z]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function commented(code: string, comment: string): string {
  return `${code.padEnd(40)}# ${comment}`;
}

/** `def build_model()`: the network as an nn.Sequential, with the weights when they are written. */
export function buildModel(plan: ExportPlan, weights: boolean): string[] {
  const modules = plan.layers.map((l) => `${moduleCall(l)},`);
  const width = Math.max(0, ...modules.map((m) => m.length));
  const body = plan.layers.map((l, i) => `        ${modules[i].padEnd(width)}  # [${l.index}] ${pyString(l.name)}`);
  return [
    'def build_model() -> nn.Sequential:',
    `    """The network${weights ? ' with the exported weights' : ''}, in evaluation mode."""`,
    ...(body.length ? ['    model = nn.Sequential(', ...body, '    )'] : ['    model = nn.Sequential()  # no layers: the output is the input']),
    ...(plan.loss ? [`    # [${plan.loss.index}] ${pyString(plan.loss.name)}: the ${lowerFirst(plan.loss.kind.displayName)}, ${plan.loss.kind.loss.pytorch} (see above).`] : []),
    weights ? '    model.load_state_dict(load_weights())' : "    # The weights were not exported: each nn.Linear keeps PyTorch's default initialisation.",
    '    model.eval()',
    '    return model',
  ];
}

function moduleCall(l: LayerPlan): string {
  return l.kind.code ? `${codeStubName(l)}()` : l.kind.export.pytorch(l.params);
}

/** `WEIGHTS` and `load_weights()`: every parameter, bit for bit, keyed as in the state dict. */
export function weightsSection(where: string, plan: ExportPlan): string[] {
  const entries: string[] = [];
  plan.layers.forEach((l, i) => {
    // The state-dict key is the module's position in nn.Sequential, not the engine's layer index.
    for (const w of exportWeights(where, l)) entries.push(...weightEntry(`${i}.${w.spec.exportName}`, w.dims, w.values));
  });
  return [
    '# The weights as base64 of little-endian float32 values in row-major order, keyed as in',
    "# the network's state_dict; a Linear weight is [out_features, in_features], as in PyTorch.",
    'WEIGHTS = {',
    ...entries,
    '}',
    '',
    '',
    'def load_weights():',
    '    """The state dict of the network, decoded from WEIGHTS bit for bit."""',
    '    state = {}',
    '    for key, (shape, text) in WEIGHTS.items():',
    '        values = array.array("f", base64.b64decode(text))',
    '        if sys.byteorder != "little":',
    '            values.byteswap()',
    '        state[key] = torch.frombuffer(values, dtype=torch.float32).reshape(shape)',
    '    return state',
  ];
}

function weightEntry(key: string, shape: number[], values: Float32Array): string[] {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return [`    "${key}": (${dims}, """`, base64Lines(float32LE(values)), '"""),'];
}

function selfCheck(): string[] {
  return [
    'def main() -> None:',
    '    """Builds the network and runs it once on a random batch."""',
    '    model = build_model()',
    '    print(model)',
    '    torch.manual_seed(0)',
    `    x = torch.randn(${CHECK_BATCH}, INPUT_FEATURES)`,
    '    with torch.no_grad():',
    '        y = model(x)',
    `    if tuple(y.shape) != (${CHECK_BATCH}, OUTPUT_FEATURES):`,
    `        raise SystemExit(f"self-check failed: expected output shape (${CHECK_BATCH}, {OUTPUT_FEATURES}), got {tuple(y.shape)}")`,
    '    print("output shape:", y.shape)',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
  ];
}
