import { describe, expect, it } from 'vitest';
import { buildMlpGraph } from '../../model/build-mlp';
import { components, GROWN_NODE_SIZE, tidyPositions } from './tidy';

function overlaps(pos: Map<string, { x: number; y: number }>, w: number, h: number): [string, string][] {
  const ids = [...pos.keys()];
  const out: [string, string][] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = pos.get(ids[i])!;
      const b = pos.get(ids[j])!;
      if (a.x < b.x + w && b.x < a.x + w && a.y < b.y + h && b.y < a.y + h) out.push([ids[i], ids[j]]);
    }
  return out;
}

describe('tidyPositions: a maintained layered layout, wrapped into rows', () => {
  it('lays the homework MLP out in wrapped rows with no card over another, in chain order', async () => {
    const g = buildMlpGraph({ inFeatures: 10, numClasses: 10, hiddenFeatures: [100, 50, 100], activation: 'relu' });
    // A hand-made mess: everything piled at the origin.
    const doc = { nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })), edges: g.edges };
    const pos = await tidyPositions(doc, {});
    expect(pos.size).toBe(9);
    expect(overlaps(pos, GROWN_NODE_SIZE.width, GROWN_NODE_SIZE.height)).toEqual([]);
    const rows = [...new Set([...pos.values()].map((p) => p.y))];
    expect(rows.length).toBeGreaterThan(1);
    // Along each row the chain runs left to right.
    const order = g.nodes.map((n) => pos.get(n.id)!);
    for (let i = 1; i < order.length; i++) if (order[i].y === order[i - 1].y) expect(order[i].x).toBeGreaterThan(order[i - 1].x);
  });

  it('makes room for cards that are larger than usual, and puts separate graphs one under another', async () => {
    const a = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [4], activation: 'relu', idPrefix: 'a_' });
    const b = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [4], activation: 'relu', idPrefix: 'b_' });
    const doc = { nodes: [...a.nodes, ...b.nodes], edges: [...a.edges, ...b.edges] };
    expect(components(doc)).toHaveLength(2);
    const big = Object.fromEntries(doc.nodes.map((n) => [n.id, { width: 260, height: 220 }]));
    const pos = await tidyPositions(doc, big);
    expect(overlaps(pos, 260, 220)).toEqual([]);
    const bottomOfA = Math.max(...a.nodes.map((n) => pos.get(n.id)!.y)) + 220;
    expect(Math.min(...b.nodes.map((n) => pos.get(n.id)!.y))).toBeGreaterThan(bottomOfA);
  });
});
