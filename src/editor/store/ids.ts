import type { NodeType } from '../../model/node-types';

/** Short id prefixes, matching the ids buildMlpGraph gives (`input`, `fc1`, `relu1`, `loss`). */
export const ID_PREFIX: Readonly<Record<NodeType, string>> = {
  Input: 'input',
  Linear: 'fc',
  ReLU: 'relu',
  LeakyReLU: 'lrelu',
  Sigmoid: 'sigmoid',
  TanH: 'tanh',
  Dropout: 'drop',
  CrossEntropyLoss: 'loss',
};

/** `prefix` followed by the smallest positive number that makes it unused. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let k = 1; ; k++) {
    const id = `${prefix}${k}`;
    if (!taken.has(id)) return id;
  }
}

/** A fresh id per requested prefix, each also added to `taken` so a batch never repeats itself. */
export function allocateIds(prefixes: readonly string[], taken: Set<string>): string[] {
  return prefixes.map((p) => {
    const id = uniqueId(p, taken);
    taken.add(id);
    return id;
  });
}
