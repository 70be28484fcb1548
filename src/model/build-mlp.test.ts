import { describe, expect, it } from 'vitest';
import { buildMlpGraph, mlpRowLength, MLP_COLUMN_SPACING, MLP_ROW_SPACING } from './build-mlp';

describe('MLP graph layout', () => {
  it('keeps short chains in one row and wraps longer ones into even rows, wider for longer chains', () => {
    expect([1, 3, 5, 6, 7, 9, 10, 13, 19].map(mlpRowLength)).toEqual([1, 3, 5, 3, 4, 5, 5, 7, 7]);
  });

  it('picks the row length that shows the graph largest on the canvas', () => {
    // The 19-node deep networks: 3 rows of 7 beat 4 rows of 5 (height-bound) and 2 of 10 (width-bound).
    const zoom = (perRow: number, n: number) => {
      const rows = Math.ceil(n / perRow);
      return Math.min(750 / ((perRow - 1) * MLP_COLUMN_SPACING + 180), 320 / ((rows - 1) * MLP_ROW_SPACING + 150));
    };
    expect(zoom(7, 19)).toBeGreaterThan(zoom(5, 19));
    expect(zoom(7, 19)).toBeGreaterThan(zoom(10, 19));
  });

  it('lays the spiral network out as 4 + 3, each row left to right from the origin', () => {
    const { nodes, edges } = buildMlpGraph({ inFeatures: 2, numClasses: 3, hiddenFeatures: [32, 32], activation: 'relu', origin: { x: 10, y: 20 } });
    expect(nodes.map((n) => n.id)).toEqual(['input', 'fc1', 'relu1', 'fc2', 'relu2', 'fc3', 'loss']);
    expect(nodes.map((n) => n.position)).toEqual([
      { x: 10, y: 20 },
      { x: 10 + MLP_COLUMN_SPACING, y: 20 },
      { x: 10 + 2 * MLP_COLUMN_SPACING, y: 20 },
      { x: 10 + 3 * MLP_COLUMN_SPACING, y: 20 },
      { x: 10, y: 20 + MLP_ROW_SPACING },
      { x: 10 + MLP_COLUMN_SPACING, y: 20 + MLP_ROW_SPACING },
      { x: 10 + 2 * MLP_COLUMN_SPACING, y: 20 + MLP_ROW_SPACING },
    ]);
    expect(edges.map((e) => `${e.source}>${e.target}`)).toContain('fc2>relu2');
  });

  it('keeps a short chain in one row and lays a deep one out as 7 + 7 + 5', () => {
    const short = buildMlpGraph({ inFeatures: 1024, numClasses: 512, hiddenFeatures: [], activation: 'relu' });
    expect(new Set(short.nodes.map((n) => n.position.y)).size).toBe(1);
    const deep = buildMlpGraph({ inFeatures: 2, numClasses: 2, hiddenFeatures: Array(8).fill(16), activation: 'sigmoid' });
    expect(deep.nodes).toHaveLength(19);
    const rows = new Set(deep.nodes.map((n) => n.position.y));
    expect(rows.size).toBe(3);
    const cols = new Set(deep.nodes.map((n) => n.position.x));
    expect(cols.size).toBe(7);
  });

  it('counts dropout nodes when sizing rows', () => {
    const { nodes } = buildMlpGraph({ inFeatures: 2, numClasses: 2, hiddenFeatures: [64, 64], activation: 'relu', dropout: 0.3 });
    expect(nodes).toHaveLength(9);
    expect(nodes.filter((n) => n.position.y === 0)).toHaveLength(5);
  });
});
