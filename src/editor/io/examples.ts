/** One entry of public/examples/index.json. */
export interface ExampleEntry {
  file: string;
  name: string;
  description: string;
  /** The example carries a lesson: the Examples menu lists it under Lessons, and it opens presenting. */
  lesson?: boolean;
}

export interface ExampleIndex {
  /** The file opened on first start. */
  defaultFile: string;
  examples: ExampleEntry[];
}

export function examplesUrl(file: string): string {
  return `${import.meta.env.BASE_URL}examples/${file}`;
}

/** Checks the shape of the examples index, naming the first thing wrong. */
export function readExampleIndex(json: unknown): ExampleIndex {
  const root = json as { default?: unknown; examples?: unknown } | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.examples)) throw new Error('examples/index.json: expected an object with an "examples" list');
  const examples = root.examples.map((e: unknown, i: number) => {
    const x = e as Partial<ExampleEntry> | null;
    for (const k of ['file', 'name', 'description'] as const) {
      if (typeof x?.[k] !== 'string') throw new Error(`examples/index.json: examples[${i}].${k} must be a string`);
    }
    if (x!.lesson !== undefined && typeof x!.lesson !== 'boolean') throw new Error(`examples/index.json: examples[${i}].lesson must be true or false`);
    return { file: x!.file!, name: x!.name!, description: x!.description!, ...(x!.lesson ? { lesson: true } : {}) };
  });
  const defaultFile = typeof root.default === 'string' ? root.default : examples[0]?.file;
  if (!defaultFile) throw new Error('examples/index.json: no examples listed');
  if (!examples.some((e) => e.file === defaultFile)) throw new Error(`examples/index.json: the default "${defaultFile}" is not among the examples`);
  return { defaultFile, examples };
}

async function fetchText(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
  return r.text();
}

let index: Promise<ExampleIndex> | null = null;

/**
 * The examples' index, fetched once for the page: the toolbar, each lesson step's editor and
 * each step that opens an example share it. A failure is not kept, so the next caller tries
 * again (a dropped connection must not leave the menu empty until a reload).
 */
export function fetchExampleIndex(): Promise<ExampleIndex> {
  index ??= fetchText(examplesUrl('index.json'))
    .then((text) => readExampleIndex(JSON.parse(text)))
    .catch((e: unknown) => {
      index = null;
      throw e;
    });
  return index;
}

export function fetchExampleText(file: string): Promise<string> {
  return fetchText(examplesUrl(file));
}

/** The text of a built-in example, refused unless the examples' index lists it (a link or a lesson names it, so it is untrusted). */
export async function listedExampleText(file: string): Promise<string> {
  const index = await fetchExampleIndex();
  if (!index.examples.some((e) => e.file === file)) throw new Error(`there is no built-in example “${file.slice(0, 80)}”`);
  return fetchExampleText(file);
}
