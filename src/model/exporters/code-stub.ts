import { CodeLayer, Tensor, type DType } from '../../engine';
import { pyString } from './python-text';
import type { LayerPlan } from './plan';

/**
 * A Custom layer in an exported PyTorch script: its code cannot be translated into
 * PyTorch automatically, so the script gets a module with the layer's interface (its widths
 * and declared parameters, so exported weights load) whose forward raises until someone
 * writes it, with the code below it as comments.
 */
export function codeStubName(l: LayerPlan): string {
  return `CustomLayer${l.index}`;
}

export function codeStub(l: LayerPlan): string[] {
  const layer = l.layer as CodeLayer;
  const params = layer.params();
  return [
    `class ${codeStubName(l)}(nn.Module):`,
    `    """Custom layer ${pyString(l.name)}: ${l.inFeatures} -> ${l.outFeatures} features, written as code in Backprop Studio.`,
    '',
    '    NOTE: its code (JavaScript, below as comments) cannot be translated to PyTorch',
    '    automatically. Write forward() in PyTorch from it; autograd gives backward.',
    '    Until then the model raises NotImplementedError when it runs.',
    '    """',
    '',
    '    def __init__(self) -> None:',
    '        super().__init__()',
    ...(params.length
      ? params.map((p) => `        self.${p.name} = nn.Parameter(torch.zeros(${p.value.shape.join(', ')}))  # declared by the code`)
      : ['        # The code declares no parameters.']),
    '',
    `    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x: [N, ${l.inFeatures}] -> [N, ${l.outFeatures}]`,
    ...layer.code.replace(/\s+$/, '').split('\n').map((line) => `        # ${line}`.trimEnd()),
    `        raise NotImplementedError(${pyString(`Custom layer ${l.name}: write its forward in PyTorch (its code is above, as comments)`)})`,
  ];
}

/**
 * What a Custom node is on the main thread, where code never runs: its code, widths and the
 * parameters its stored weights show, for the exporters. Its passes refuse.
 */
export class StoredCodeLayer extends CodeLayer {
  readonly lastInput = null;
  readonly providesJvp = false;
  private readonly declared: { name: string; value: Tensor; grad: Tensor }[];

  constructor(
    readonly code: string,
    readonly inFeatures: number,
    readonly outFeatures: number,
    stored: readonly { name: string; shape: readonly number[] }[],
  ) {
    super();
    this.declared = stored.map((s) => ({ name: s.name, value: Tensor.zeros(s.shape), grad: Tensor.zeros(s.shape) }));
  }

  private refuse(what: string): never {
    throw new Error(`${this}.${what}: a Custom layer's code runs only in the engine worker`);
  }

  forward(): Tensor {
    return this.refuse('forward');
  }
  backward(): Tensor {
    return this.refuse('backward');
  }
  jvp(): Tensor {
    return this.refuse('jvp');
  }
  override params() {
    return this.declared;
  }
  clone(dtype?: DType): StoredCodeLayer {
    void dtype;
    return this.refuse('clone');
  }
  toString(): string {
    return `Custom(${this.inFeatures} → ${this.outFeatures})`;
  }
}
