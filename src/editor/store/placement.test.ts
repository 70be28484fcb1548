import { describe, expect, it } from 'vitest';
import type { ModelNode } from '../../model/schema';
import { DEFAULT_NODE_SIZE, freeSpot, placeNewNode } from './placement';

const at = (id: string, x: number, y: number, type: ModelNode['type'] = 'ReLU'): ModelNode => ({ id, type, params: {}, position: { x, y } }) as ModelNode;

function overlaps(p: { x: number; y: number }, nodes: ModelNode[]) {
  return nodes.some((n) => Math.abs(n.position.x - p.x) < DEFAULT_NODE_SIZE.width && Math.abs(n.position.y - p.y) < DEFAULT_NODE_SIZE.height);
}

describe('placement', () => {
  it('keeps a free spot and moves off an occupied one to the nearest free one', () => {
    expect(freeSpot({ x: 500, y: 500 }, [at('a', 0, 0)], {})).toEqual({ x: 500, y: 500 });
    const crowd = [at('a', 0, 0), at('b', 0, 116), at('c', 0, -116)];
    const p = freeSpot({ x: 0, y: 0 }, crowd, {});
    expect(overlaps(p, crowd)).toBe(false);
    expect(Math.abs(p.y)).toBeLessThanOrEqual(116);
  });

  it('uses measured sizes when it has them', () => {
    const big = [at('a', 0, 0)];
    const p = freeSpot({ x: 190, y: 0 }, big, { a: { width: 400, height: 300 } });
    expect(p).not.toEqual({ x: 190, y: 0 });
  });

  it('follows the selected node when it can continue the chain, else goes near the centre', () => {
    const doc = { nodes: [at('in', 0, 0, 'Input'), at('loss', 600, 0, 'CrossEntropyLoss')], edges: [] };
    expect(placeNewNode(doc, 'Linear', ['in'], { x: 1000, y: 1000 })).toEqual({ position: { x: 210, y: 0 }, connectFrom: 'in' });
    expect(placeNewNode(doc, 'Input', ['in'], { x: 1000, y: 1000 }).connectFrom).toBeUndefined();
    expect(placeNewNode(doc, 'ReLU', ['loss'], { x: 1000, y: 1000 })).toEqual({ position: { x: 910, y: 954 } });
    expect(placeNewNode(doc, 'ReLU', ['in', 'loss'], { x: 1000, y: 1000 }).connectFrom).toBeUndefined();
    const fed = { ...doc, edges: [{ id: 'e1', source: 'in', target: 'loss' }] };
    expect(placeNewNode(fed, 'ReLU', ['in'], { x: 0, y: 0 }).connectFrom).toBeUndefined();
  });
});
