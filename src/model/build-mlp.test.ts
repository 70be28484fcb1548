import { describe, expect, it } from 'vitest';
import { buildMlpGraph, mlpRowLength, MLP_COLUMN_SPACING, MLP_ROW_SPACING } from './build-mlp';

describe('MLP graph layout', () => {
  it('wraps long chains into even rows of at most five', () => {
    expect([1, 3, 5, 6, 7, 9, 10, 11, 18].map(mlpRowLength)).toEqual([1, 3, 5, 3, 4, 5, 5, 4, 5]);
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

  it('keeps a short chain in one row and a deep one within four rows', () => {
    const short = buildMlpGraph({ inFeatures: 1024, numClasses: 512, hiddenFeatures: [], activation: 'relu' });
    expect(new Set(short.nodes.map((n) => n.position.y)).size).toBe(1);
    const deep = buildMlpGraph({ inFeatures: 2, numClasses: 2, hiddenFeatures: Array(8).fill(16), activation: 'sigmoid' });
    expect(deep.nodes).toHaveLength(19);
    const rows = new Set(deep.nodes.map((n) => n.position.y));
    expect(rows.size).toBe(4);
    const cols = new Set(deep.nodes.map((n) => n.position.x));
    expect(cols.size).toBe(5);
  });

  it('counts dropout nodes when sizing rows', () => {
    const { nodes } = buildMlpGraph({ inFeatures: 2, numClasses: 2, hiddenFeatures: [64, 64], activation: 'relu', dropout: 0.3 });
    expect(nodes).toHaveLength(9);
    expect(nodes.filter((n) => n.position.y === 0)).toHaveLength(5);
  });
});
