import { describe, expect, it } from 'vitest';
import type { ModelNode } from '../../model/schema';
import { connectionProblem } from './connection';

const n = (id: string, type: ModelNode['type']): ModelNode => ({ id, type, params: {}, position: { x: 0, y: 0 } }) as ModelNode;
const doc = {
  nodes: [n('in', 'Input'), n('a', 'Linear'), n('b', 'ReLU'), n('c', 'Linear'), n('loss', 'CrossEntropyLoss'), n('free', 'TanH')],
  edges: [
    { id: 'e1', source: 'in', target: 'a' },
    { id: 'e2', source: 'a', target: 'b' },
  ],
};

describe('connectionProblem', () => {
  it('allows a connection that extends the chain', () => {
    expect(connectionProblem(doc, 'b', 'c')).toBeNull();
    expect(connectionProblem(doc, 'c', 'loss')).toBeNull();
  });

  it('names the reason for each refusal', () => {
    expect(connectionProblem(doc, 'b', 'b')).toBe("ReLU 'b' cannot feed itself: that would be a cycle.");
    expect(connectionProblem(doc, 'loss', 'free')).toMatch(/Cross-entropy loss 'loss' is the last node/);
    expect(connectionProblem(doc, 'free', 'in')).toMatch(/Input 'in' is where data enters/);
    expect(connectionProblem(doc, 'a', 'b')).toBe("Linear 'a' is already connected to ReLU 'b'.");
    expect(connectionProblem(doc, 'b', 'a')).toBe("Connecting ReLU 'b' to Linear 'a' would make a cycle: data must flow one way, from the Input to the loss.");
    expect(connectionProblem(doc, 'free', 'b')).toBe("ReLU 'b' already receives its input from Linear 'a'; each layer takes exactly one. Delete that connection first.");
    expect(connectionProblem(doc, 'a', 'c')).toBe("Linear 'a' already feeds ReLU 'b'; a network here is one chain. Delete that connection first.");
    expect(connectionProblem(doc, 'ghost', 'c')).toBe('That node no longer exists.');
  });
});
