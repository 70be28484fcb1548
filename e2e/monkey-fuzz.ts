/** Seeded randomness and fuzzed model documents for the monkey test. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: a small, fast seeded generator; the same seed gives the same run. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)] };
}

type Json = Record<string, unknown>;
type Doc = { nodes: Json[]; edges: Json[]; training?: Json; weights?: Json } & Json;

const WEIRD: unknown[] = [0, -1, 2.5, 1e6, 1e9, 1e308, -0, 'ten', null, true, [], {}, '', 'x'.repeat(5000), 0.999999, 100_000, 65_536];
const TYPES = ['Input', 'Linear', 'ReLU', 'LeakyReLU', 'Sigmoid', 'TanH', 'Dropout', 'CrossEntropyLoss', 'MSELoss', 'Custom', 'Lineer', '', '__proto__'];

const MUTATIONS: ((d: Doc, r: Random) => void)[] = [
  (d, r) => {
    const n = r.pick(d.nodes);
    if (!n) return;
    const params = (n.params ?? {}) as Json;
    const keys = Object.keys(params);
    params[keys.length && r.next() < 0.8 ? r.pick(keys) : r.pick(['out_features', 'features', 'alpha', 'p', 'bogus'])] = r.pick(WEIRD);
    n.params = params;
  },
  (d, r) => d.nodes.splice(r.int(d.nodes.length), 1),
  (d, r) => {
    const n = r.pick(d.nodes);
    if (n) delete n[r.pick(['id', 'type', 'params', 'position', 'label'])];
  },
  (d, r) => {
    const e = r.pick(d.edges);
    if (e) d.edges.push({ ...e, id: r.next() < 0.5 ? e.id : `dup${r.int(1e6)}` });
  },
  (d, r) => {
    const e = r.pick(d.edges);
    if (e) e[r.next() < 0.5 ? 'source' : 'target'] = r.pick(['nowhere', 'fc', 'x'.repeat(200), '', 7]);
  },
  (d, r) => {
    const n = r.pick(d.nodes);
    if (n) n.type = r.pick(TYPES);
  },
  (d, r) => {
    // Many parallel connections between two nodes.
    const [a, b] = [r.pick(d.nodes), r.pick(d.nodes)];
    if (!a || !b) return;
    for (let i = 0; i < 2_000; i++) d.edges.push({ id: `par${i}`, source: a.id, target: b.id });
  },
  (d, r) => {
    // A ring of ReLUs hanging off a node.
    const from = r.pick(d.nodes);
    const k = 50 + r.int(400);
    for (let i = 0; i < k; i++) d.nodes.push({ id: `ring${i}`, type: 'ReLU', position: { x: i * 20, y: 600 } });
    for (let i = 0; i < k; i++) d.edges.push({ id: `ringe${i}`, source: `ring${i}`, target: `ring${(i + 1) % k}` });
    if (from) d.edges.push({ id: 'ring-in', source: from.id, target: 'ring0' });
  },
  (d, r) => {
    const t = (d.training ??= {}) as Json;
    const key = r.pick(['batch_size', 'epochs', 'update_every', 'target_loss']);
    t[key] = r.pick(WEIRD);
  },
  (d, r) => {
    const t = (d.training ??= {}) as Json;
    const ds = (t.dataset ?? {}) as Json;
    ds[r.pick(['samples', 'classes', 'noise', 'test_fraction', 'kind'])] = r.pick([...WEIRD, 'random', 'xor', 'csv', 'digits']);
    t.dataset = ds;
  },
  (d, r) => {
    const t = (d.training ??= {}) as Json;
    const o = (t.optimizer ?? { kind: 'adam' }) as Json;
    o[r.pick(['lr', 'momentum', 'beta1', 'kind'])] = r.pick([1e6, -1, 0, 'lbfgs', 1e-30, 10]);
    t.optimizer = o;
  },
  (d, r) => {
    d[r.pick(['version', 'format', 'seed', 'name'])] = r.pick([3, 0, 'backprop-studio/other', -5, 'x'.repeat(300), null]);
  },
  (d, r) => {
    const n = r.pick(d.nodes);
    if (n) n.id = r.pick(['x'.repeat(10_000), 'constructor', 'toString', '', ' ', 'a"b', '<b>x</b>']);
  },
  (d, r) => {
    const n = r.pick(d.nodes.filter((x) => x.type === 'Linear'));
    if (n) (d.weights ??= {})[String(n.id)] = { w: { shape: [r.int(5), r.int(5)], dtype: 'float32', data: r.pick(['AAAA', '!!!', '', 'AACAfw==']) } };
  },
  (d, r) => {
    d.nodes.push({ id: `wide${r.int(1e6)}`, type: 'Linear', params: { out_features: r.pick([1_000_000, 200_000, 5_000]) }, position: { x: 0, y: 300 } });
  },
];

/** `text` (a valid document) with 1–3 random mutations of its content and, now and then, of its characters. */
export function fuzzDocument(text: string, r: Random): string {
  const doc = JSON.parse(text) as Doc;
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) r.pick(MUTATIONS)(doc, r);
  let out = JSON.stringify(doc);
  const roll = r.next();
  if (roll < 0.08) out = out.slice(0, r.int(out.length));
  else if (roll < 0.14) {
    const at = r.int(out.length);
    out = out.slice(0, at) + r.pick([',', '"', '}', '\u0000', '\\', 'NaN', '1e999', '\uD800']) + out.slice(at);
  } else if (roll < 0.18) out = out.replace(/"seed":\d+/, '"seed":1e999');
  return out;
}
