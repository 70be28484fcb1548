import { describe, expect, it } from 'vitest';
import { encodeFloat32 } from './base64';
import { smallDocument } from './document-arbitraries';
import { MAX_MODEL_PARAMS } from './limits';
import { broken, docOf, errorsOf, messageAt, tensor } from './testing/parse-helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */

describe('stored weights', () => {
  it('refuses weights of a node that does not exist, or of a node type without weights', () => {
    const errors = errorsOf(
      broken((d) => {
        d.weights.fc9 = d.weights.fc2;
        d.weights.relu = { w: tensor([1], [0]) };
      }),
    );
    expect(messageAt(errors, '$.weights.fc9')).toBe("Weights of node 'fc9': there is no node with this id.");
    expect(messageAt(errors, '$.weights.relu')).toBe("Weights of node 'relu': a ReLU node has no weights; remove this entry.");
  });

  it('refuses unknown parameter names and a missing one', () => {
    const errors = errorsOf(
      broken((d) => {
        d.weights.fc1.W = d.weights.fc1.w;
        delete d.weights.fc1.w;
        d.weights.fc2.bias = d.weights.fc2.b;
      }),
    );
    expect(messageAt(errors, '$.weights.fc1.W')).toBe("Weights of node 'fc1', parameter W: unknown parameter; a Linear layer has 'w' and 'b' (did you mean 'w'?).");
    expect(messageAt(errors, '$.weights.fc1.w')).toBe("Weights of node 'fc1', parameter w: is missing; a Linear layer stores w and b together.");
    expect(messageAt(errors, '$.weights.fc2.bias')).toMatch(/unknown parameter; a Linear layer has 'w' and 'b'\.$/);
  });

  it('says where base64 data goes wrong', () => {
    const errors = errorsOf(broken((d) => (d.weights.fc2.b.data = 'AACA?wAAgD8=')));
    expect(messageAt(errors, '$.weights.fc2.b.data')).toBe(
      "Weights of node 'fc2', parameter b, data: is not valid base64 float32 data: the character '?' at position 4 is not a base64 character.",
    );
  });

  it('compares the data length in bytes with the shape', () => {
    const errors = errorsOf(broken((d) => (d.weights.fc1.w.data = encodeFloat32(new Float32Array(5)))));
    expect(messageAt(errors, '$.weights.fc1.w.data')).toBe(
      "Weights of node 'fc1', parameter w, data: holds 20 bytes (5 float32 values) but the shape [3, 2] needs 24 bytes (6 values).",
    );
  });

  it('checks shapes against the layer: w is [out_features, in_features], b is [out_features]', () => {
    const errors = errorsOf(
      broken((d) => {
        d.weights.fc1.w = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
        d.weights.fc1.b = tensor([3, 1], [1, 2, 3]);
        // fc2 has no in_features: w's second dimension is free, but b must agree with w and out_features.
        d.weights.fc2.w = tensor([2, 5], new Array(10).fill(0));
        d.weights.fc2.b = tensor([4], [0, 0, 0, 0]);
      }),
    );
    expect(messageAt(errors, '$.weights.fc1.w.shape')).toBe(
      "Weights of node 'fc1', parameter w, shape: w must be [out_features, in_features] = [3, 2] for this layer, but the shape is [2, 3].",
    );
    expect(messageAt(errors, '$.weights.fc1.b.shape')).toBe(
      "Weights of node 'fc1', parameter b, shape: b has one dimension, [out_features], but the shape is [3, 1].",
    );
    expect(errors.some((e) => e.path === '$.weights.fc2.w.shape')).toBe(false);
    expect(messageAt(errors, '$.weights.fc2.b.shape')).toBe(
      "Weights of node 'fc2', parameter b, shape: b must be [out_features] = [2] for this layer, but the shape is [4].",
    );
  });

  it('checks w against b when out_features is not given', () => {
    const errors = errorsOf(
      broken((d) => {
        delete d.nodes[3].params.out_features;
        d.weights.fc2.b = tensor([3], [0, 0, 0]);
      }),
    );
    expect(messageAt(errors, '$.weights.fc2.b.shape')).toBe(
      "Weights of node 'fc2', parameter b, shape: b must be [out_features] = [2] for this layer, but the shape is [3].",
    );
  });

  it('refuses NaN and infinities inside the data, naming the node, parameter and index', () => {
    const errors = errorsOf(
      broken((d) => {
        d.weights.fc1.w = tensor([3, 2], [0, 1, 2, NaN, 4, Infinity]);
        d.weights.fc2.b = tensor([2], [-Infinity, 0]);
      }),
    );
    expect(messageAt(errors, '$.weights.fc1.w.data')).toBe(
      "Weights of node 'fc1', parameter w, data: holds NaN at index [1, 1] (2 values in all are NaN or infinite); weights must be finite numbers.",
    );
    expect(messageAt(errors, '$.weights.fc2.b.data')).toBe(
      "Weights of node 'fc2', parameter b, data: holds -Infinity at index [0]; weights must be finite numbers.",
    );
  });

  it('refuses a layer too big to hold, from its parameters alone', () => {
    const errors = errorsOf(
      broken((d) => {
        delete d.weights;
        d.nodes[1].params = { in_features: 10_000, out_features: 2_000 };
      }),
    );
    expect(10_000 * 2_000 + 2_000).toBeGreaterThan(MAX_MODEL_PARAMS);
    expect(messageAt(errors, '$.nodes[1].params')).toBe(
      "Linear node 'fc1', params: this layer would hold 20,002,000 parameters (w: 2,000 × 10,000, b: 2,000); a model may hold at most 20,000,000.",
    );
    expect(docOf(broken((d) => {
      delete d.weights;
      d.nodes[1].params = { in_features: 9_999, out_features: 2_000 };
    })).nodes[1].params).toEqual({ in_features: 9_999, out_features: 2_000 });
  });

  it('refuses a stored tensor too big to hold before decoding it', () => {
    const errors = errorsOf(broken((d) => (d.weights.fc1.w = { shape: [100_000, 100_000], dtype: 'float32', data: '' })));
    expect(messageAt(errors, '$.weights.fc1.w.shape')).toBe(
      "Weights of node 'fc1', parameter w, shape: shape [100000, 100000] holds 10,000,000,000 values; a model may hold at most 20,000,000.",
    );
  });
});

describe('reporting', () => {
  it('lists every problem up to 100, then says how many more', () => {
    const errors = errorsOf(
      broken((d) => {
        d.edges = Array.from({ length: 150 }, (_, i) => ({ id: `x${i}`, source: 'in', target: 'nowhere' }));
      }),
    );
    expect(errors).toHaveLength(101);
    expect(errors[0]).toEqual({ path: '$.edges[0].target', message: "Edge 'x0', target: there is no node with id 'nowhere'." });
    // The list filled up while checking edges, so the schema was not checked: 50 is a lower bound.
    expect(errors[100]).toEqual({ path: '$', message: '… and at least 50 more problems.' });
  });

  it('gives an exact count when every check ran', () => {
    const errors = errorsOf(
      broken((d) => {
        for (let i = 0; i < 120; i++) d.nodes[0].params[`extra${i}`] = 1;
      }),
    );
    expect(errors).toHaveLength(101);
    expect(errors[100]).toEqual({ path: '$', message: '… and 20 more problems.' });
  });

  it('counts a huge number of mistakes without describing each one', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}": 1e999`).join(',');
    const text = JSON.stringify(smallDocument()).replace('"features":2', `"features":2,${keys}`);
    const errors = errorsOf(text);
    expect(errors).toHaveLength(101);
    expect(errors[0].path).toBe('$.nodes[0].params.k0');
    expect(errors[100].message).toBe('… and at least 199,900 more problems.');
  });

  it('reports a value once, by its most specific check', () => {
    const errors = errorsOf(JSON.stringify(smallDocument()).replace('"seed":7', '"seed":1e999'));
    expect(errors).toEqual([{ path: '$.seed', message: 'Field seed: the number is too large to represent (it reads as Infinity); numbers must be finite.' }]);
  });

  it('uses bracket paths for ids that are not identifiers', () => {
    const errors = errorsOf(broken((d) => (d.weights['fc 9'] = d.weights.fc1)));
    expect(messageAt(errors, '$.weights["fc 9"]')).toBe("Weights of node 'fc 9': there is no node with this id.");
  });
});
