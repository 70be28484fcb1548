import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeFloat32 } from './base64';
import { smallDocument } from './document-arbitraries';
import { MAX_DOCUMENT_CHARS, MAX_NODES, parseModelDocument } from './parse';
import { defaultTraining } from './schema';
import { broken, docOf, errorsOf, messageAt, tensor } from './testing/parse-helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break documents on purpose */

describe('valid documents', () => {
  it('reads the small document unchanged', () => {
    expect(docOf(JSON.stringify(smallDocument()))).toEqual(smallDocument());
  });

  it('fills in defaults: name, seed, params, position, training settings', () => {
    const doc = docOf(
      JSON.stringify({
        format: 'backprop-studio/model',
        version: 2,
        nodes: [{ id: 'x', type: 'Input' }],
        edges: [],
        training: {},
      }),
    );
    expect(doc.name).toBe('Untitled model');
    expect(doc.seed).toBe(42);
    expect(doc.nodes[0]).toEqual({ id: 'x', type: 'Input', params: {}, position: { x: 0, y: 0 } });
    expect(doc.training).toEqual(defaultTraining());
    expect(doc.training!.optimizer).toEqual({ kind: 'adam', lr: 0.01, momentum: 0.9, weight_decay: 0, decay: 0.99, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(doc.weights).toBeUndefined();
    expect(parseModelDocument(JSON.stringify({ format: 'backprop-studio/model', version: 2, nodes: [], edges: [] }))).toEqual({
      ok: true,
      warnings: [],
      doc: { format: 'backprop-studio/model', version: 2, name: 'Untitled model', seed: 42, nodes: [], edges: [] },
    });
  });

  it('gives back stored weights bit for bit, −0 and subnormals included', () => {
    const doc = docOf(JSON.stringify(smallDocument()));
    const w = decodeFloat32(doc.weights!.fc1.w.data) as Float32Array;
    expect(Array.from(new Uint32Array(w.buffer))).toEqual(Array.from(new Uint32Array(Float32Array.of(0.5, -1, 0.25, 2, -0, 1e-40).buffer)));
    expect(Object.is(w[4], -0)).toBe(true);
    expect(w[5]).toBeGreaterThan(0);
    expect(w[5]).toBeLessThan(1.2e-38); // still subnormal
  });

  it('accepts a byte order mark before the JSON, as Windows editors write one', () => {
    expect(docOf(`\ufeff${JSON.stringify(smallDocument())}`)).toEqual(smallDocument());
  });

  it('accepts a Linear layer without in_features whose stored w says how many inputs it takes', () => {
    const doc = docOf(broken((d) => (d.weights.fc2 = { w: tensor([2, 3], [1, 2, 3, 4, 5, 6]), b: tensor([2], [0, 0]) })));
    expect(doc.weights!.fc2.w.shape).toEqual([2, 3]);
  });
});

describe('text that cannot be a document', () => {
  it('refuses values that are not text', () => {
    expect(errorsOf(42)).toEqual([{ path: '$', message: 'Expected the text of a model document, got the number 42.' }]);
    expect(errorsOf(undefined)).toEqual([{ path: '$', message: 'Expected the text of a model document, got nothing.' }]);
    expect(errorsOf(new Uint8Array([123, 125]))[0].message).toBe('Expected the text of a model document, got binary data (read the file as text first).');
    expect(errorsOf({ format: 'backprop-studio/model' })[0].message).toBe('Expected the text of a model document, got an object.');
  });

  it('refuses empty text', () => {
    expect(errorsOf('')).toEqual([{ path: '$', message: 'The document is empty.' }]);
    expect(errorsOf(' \n\t ')).toEqual([{ path: '$', message: 'The document is empty.' }]);
  });

  describe('size', () => {
    afterEach(() => vi.restoreAllMocks());
    it('refuses a text over 64 MiB without parsing it', () => {
      const parse = vi.spyOn(JSON, 'parse');
      const huge = ' '.repeat(MAX_DOCUMENT_CHARS + 1);
      expect(errorsOf(huge)).toEqual([
        { path: '$', message: 'The document is 67,108,865 characters long; a model document may be at most 67,108,864 (64 MiB).' },
      ]);
      expect(parse).not.toHaveBeenCalled();
    });
  });

  it('points at the line and column of a JSON syntax error', () => {
    const text = '{\n  "format": "backprop-studio/model",\n  "version": 2,\n  "nodes": [,]\n}';
    expect(errorsOf(text)).toEqual([
      { path: '$', line: 4, column: 13, message: "The document is not valid JSON: line 4, column 13: expected a value, found ','." },
    ]);
  });

  it('explains the usual JSON mistakes', () => {
    expect(errorsOf('{"format": "x",}')[0].message).toBe(
      "The document is not valid JSON: line 1, column 16: a comma before '}' is not allowed in JSON (remove the trailing comma).",
    );
    expect(errorsOf("{'format': 1}")[0].message).toMatch(/column 2: property names must be in double quotes/);
    expect(errorsOf('{"a": NaN}')[0].message).toMatch(/column 7: JSON has no NaN/);
    expect(errorsOf('{"a": 1} // saved')[0].message).toMatch(/column 10: unexpected '\/' after the end of the JSON value/);
    const cut = JSON.stringify(smallDocument(), null, 2);
    const err = errorsOf(cut.slice(0, cut.length - 40))[0];
    expect(err.message).toMatch(/may be cut off/);
    expect(err.line).toBe(cut.slice(0, cut.length - 40).split('\n').length);
  });

  it('refuses JSON that is not an object', () => {
    expect(errorsOf('[1, 2]')).toEqual([
      { path: '$', message: 'This is not a Backprop Studio model: the document is a list (an array of 2), not an object with "format": "backprop-studio/model".' },
    ]);
    expect(errorsOf('"hello"')[0].message).toMatch(/the document is a string \('hello'\)/);
    expect(errorsOf('null')[0].path).toBe('$');
  });
});

describe('prototype keys', () => {
  const snapshot = () => Object.getOwnPropertyNames(Object.prototype).sort();

  it('refuses __proto__, constructor and prototype anywhere, naming the path, and touches no prototype', () => {
    const before = snapshot();
    const text = JSON.stringify(smallDocument())
      .replace('"name":', '"__proto__":{"polluted":true,"toString":1},"name":')
      .replace('"features":2', '"features":2,"constructor":{"prototype":{"polluted":true}}')
      .replace('"fc1":{"w"', '"fc1":{"prototype":{"shape":[1],"dtype":"float32","data":"AAAAAA=="},"w"')
      .replace('"weights":{', '"weights":{"__proto__":{"w":{"shape":[1],"dtype":"float32","data":"AAAAAA=="}},');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(['$.__proto__', '$.nodes[0].params.constructor', '$.weights.__proto__', '$.weights.fc1.prototype']);
    expect(messageAt(errors, '$.__proto__')).toBe(
      "Field __proto__: the field name '__proto__' is not allowed anywhere in a model document (it could tamper with JavaScript objects); remove it.",
    );
    expect(messageAt(errors, '$.nodes[0].params.constructor')).toMatch(/^Input node 'in', parameter constructor: the field name 'constructor' is not allowed/);
    expect(snapshot()).toEqual(before);
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).w).toBeUndefined();
    expect(typeof ({} as any).toString).toBe('function');
  });

  it('never returns a document holding such keys or a foreign prototype', () => {
    const doc = docOf(JSON.stringify(smallDocument()));
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      if (!Array.isArray(v)) {
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        for (const k of ['__proto__', 'constructor', 'prototype']) expect(Object.prototype.hasOwnProperty.call(v, k)).toBe(false);
      }
      Object.values(v).forEach(walk);
    };
    walk(doc);
  });

  it('refuses node ids that would become prototype keys in weights', () => {
    const errors = errorsOf(broken((d) => (d.nodes[2].id = 'constructor')));
    expect(messageAt(errors, '$.nodes[2].id')).toBe("ReLU node 'constructor', id: an id cannot be __proto__, constructor or prototype.");
  });
});

describe('format and version', () => {
  it('refuses a document of another format', () => {
    expect(errorsOf(broken((d) => (d.format = 'onnx')))).toEqual([
      {
        path: '$.format',
        message: `This is not a Backprop Studio model: its "format" is a string ('onnx'), but a model document has "format": "backprop-studio/model".`,
      },
    ]);
  });

  it('refuses JSON with neither format nor version', () => {
    expect(errorsOf('{"layers": []}')).toEqual([
      {
        path: '$',
        message: 'This is not a Backprop Studio model: it has no "format" (a model document starts with "format": "backprop-studio/model", "version": 2).',
      },
    ]);
  });

  it('says a newer Backprop Studio made a document of a later version', () => {
    expect(errorsOf(broken((d) => (d.version = 3)))).toEqual([
      {
        path: '$.version',
        message: 'This document is version 3 of the format, made by a newer Backprop Studio; this one reads versions up to 2. Update Backprop Studio to open it.',
      },
    ]);
  });

  it('refuses a missing or malformed version', () => {
    expect(errorsOf(broken((d) => delete d.version))).toEqual([
      { path: '$.version', message: 'The document has no "version", which says which version of the format it uses (this app writes version 2).' },
    ]);
    expect(messageAt(errorsOf(broken((d) => (d.version = '1'))), '$.version')).toBe(
      "Field version: expected a whole number such as 2, got a string ('1').",
    );
    expect(messageAt(errorsOf(broken((d) => (d.version = 1.5))), '$.version')).toMatch(/got the number 1.5/);
  });

  it('refuses an older version no upgrade step reaches', () => {
    expect(errorsOf(broken((d) => (d.version = 0)))).toEqual([
      { path: '$.version', message: 'This document is version 0 of the format, which this Backprop Studio cannot read; it reads versions 1 to 2.' },
    ]);
  });

  it('says a missing format is required when the version is there', () => {
    expect(messageAt(errorsOf(broken((d) => delete d.format)), '$.format')).toBe(
      'Field format: is required but missing (it must be "backprop-studio/model").',
    );
  });
});

describe('types, node types and field names', () => {
  it('says what type was expected and what was found', () => {
    const errors = errorsOf(
      broken((d) => {
        d.nodes[1].params.out_features = '3';
        d.seed = 1.5;
        d.edges = 'e1';
        d.nodes[0].position = { x: 1 };
      }),
    );
    expect(messageAt(errors, '$.nodes[1].params.out_features')).toBe(
      "Linear node 'fc1', parameter out_features: expected a number, got a string ('3').",
    );
    expect(messageAt(errors, '$.seed')).toBe('Field seed: expected a whole number, got 1.5.');
    expect(messageAt(errors, '$.edges')).toBe("The list of edges: expected a list (an array), got a string ('e1').");
    expect(messageAt(errors, '$.nodes[0].position.y')).toBe("Input node 'in', position.y: is required but missing.");
  });

  it('lists the known node types, suggesting the closest', () => {
    const errors = errorsOf(
      broken((d) => {
        d.nodes[1].type = 'Lineer';
        d.nodes[2].type = 'Conv2d';
        delete d.nodes[4].type;
      }),
    );
    const known = 'Input, Linear, ReLU, LeakyReLU, Sigmoid, TanH, Dropout, Custom, CrossEntropyLoss, MSELoss';
    expect(messageAt(errors, '$.nodes[1].type')).toBe(`Node 'fc1', type: unknown node type 'Lineer' (did you mean 'Linear'?); the known types are ${known}.`);
    expect(messageAt(errors, '$.nodes[2].type')).toBe(`Node 'relu', type: unknown node type 'Conv2d'; the known types are ${known}.`);
    expect(messageAt(errors, '$.nodes[4].type')).toBe(`Node 'loss', type: the node type is missing; it is one of ${known}.`);
  });

  it('names unknown fields and suggests the one probably meant', () => {
    const errors = errorsOf(
      broken((d) => {
        d.nodes[1].params.outFeatures = 3;
        d.nodez = [];
        d.edges[0].colour = 'red';
        d.nodes[2].params.alpha = 0.1;
        d.training = { optimizer: { learning_rate: 0.1 } };
      }),
    );
    expect(messageAt(errors, '$.nodes[1].params.outFeatures')).toBe(
      "Linear node 'fc1', parameter outFeatures: unknown field 'outFeatures'; did you mean 'out_features'?",
    );
    expect(messageAt(errors, '$.nodez')).toBe("Field nodez: unknown field 'nodez'; did you mean 'nodes'?");
    expect(messageAt(errors, '$.edges[0].colour')).toBe("Edge 'e1', colour: unknown field 'colour'; the known fields are id, source, target.");
    expect(messageAt(errors, '$.nodes[2].params.alpha')).toBe("ReLU node 'relu', parameter alpha: unknown field 'alpha'; this node type has no parameters.");
    expect(messageAt(errors, '$.training.optimizer.learning_rate')).toMatch(/unknown field 'learning_rate'; the known fields are kind, lr, momentum/);
  });

  it('refuses numbers too large for JSON to hold (1e999 reads as Infinity), with their path', () => {
    const text = JSON.stringify(smallDocument())
      .replace('"out_features":3', '"out_features":1e999')
      .replace('"x":200', '"x":-1e999')
      .replace('"shape":[3,2]', '"shape":[3,2e400]');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(['$.nodes[1].params.out_features', '$.nodes[1].position.x', '$.weights.fc1.w.shape[1]']);
    expect(errors[0].message).toBe("Linear node 'fc1', parameter out_features: the number is too large to represent (it reads as Infinity); numbers must be finite.");
    expect(errors[1].message).toMatch(/reads as -Infinity/);
  });

  it('translates bounds, lengths, literals and enumerations', () => {
    const errors = errorsOf(
      broken((d) => {
        d.name = 'n'.repeat(201);
        d.nodes[0].id = '';
        d.weights.fc1.w.dtype = 'float64';
        d.weights.fc2.b.shape = [1, 1, 1, 1, 1, 1, 1, 1, 2];
        d.training = { batch_size: 0, optimizer: { eps: 0, kind: 'adamw' }, dataset: { test_fraction: 0.95 } };
      }),
    );
    expect(messageAt(errors, '$.name')).toBe('Field name: is 201 characters long; it must be at most 200.');
    expect(messageAt(errors, '$.nodes[0].id')).toBe('Input node nodes[0] (no id), id: cannot be empty.');
    expect(messageAt(errors, '$.weights.fc1.w.dtype')).toBe(`Weights of node 'fc1', parameter w, dtype: expected "float32", got a string ('float64').`);
    expect(messageAt(errors, '$.weights.fc2.b.shape')).toBe("Weights of node 'fc2', parameter b, shape: has 9 items; it must have at most 8.");
    expect(messageAt(errors, '$.training.batch_size')).toBe('Training setting batch_size: must be at least 1, got the number 0.');
    expect(messageAt(errors, '$.training.optimizer.eps')).toBe('Training setting optimizer.eps: must be greater than 0, got the number 0.');
    expect(messageAt(errors, '$.training.optimizer.kind')).toBe(
      `Training setting optimizer.kind: must be one of "sgd", "momentum", "rmsprop", "adam", got a string ('adamw'); did you mean 'adam'?`,
    );
    expect(messageAt(errors, '$.training.dataset.test_fraction')).toBe('Training setting dataset.test_fraction: must be at most 0.9, got the number 0.95.');
  });
});

describe('ids and edges', () => {
  it('refuses a weights key that cannot be a node id', () => {
    const long = 'n'.repeat(129);
    const errors = errorsOf(
      broken((d) => {
        d.nodes[1].id = long;
        d.edges[0].target = long;
        d.edges[1].source = long;
        d.weights[long] = d.weights.fc1;
        delete d.weights.fc1;
      }),
    );
    // The path quotes the key clipped, as messages do.
    expect(messageAt(errors, `$.weights["${'n'.repeat(59)}…"]`)).toBe(
      `Weights of node '${'n'.repeat(40)}…': the key '${'n'.repeat(40)}…' is not a valid node id: it is longer than 128 characters.`,
    );
    expect(messageAt(errors, '$.nodes[1].id')).toMatch(/is 129 characters long; it must be at most 128\.$/);
  });

  it('refuses duplicate node ids and duplicate edge ids', () => {
    const errors = errorsOf(
      broken((d) => {
        d.nodes[3].id = 'fc1';
        d.edges[2].id = 'e1';
      }),
    );
    expect(messageAt(errors, '$.nodes[3].id')).toBe("Linear node 'fc1', id: the id 'fc1' is already used by nodes[1]; every node needs its own id.");
    expect(messageAt(errors, '$.edges[2].id')).toBe("Edge 'e1', id: the id 'e1' is already used by edges[0]; every edge needs its own id.");
  });

  it('names the missing node an edge points to', () => {
    const errors = errorsOf(
      broken((d) => {
        d.edges[0].source = 'inp';
        d.edges[3].target = 'softmax';
      }),
    );
    expect(messageAt(errors, '$.edges[0].source')).toBe("Edge 'e1', source: there is no node with id 'inp' (did you mean 'in'?).");
    expect(messageAt(errors, '$.edges[3].target')).toBe("Edge 'e4', target: there is no node with id 'softmax'.");
  });

  it('refuses more than 10,000 nodes before looking at any of them', () => {
    const d: any = smallDocument();
    d.nodes = Array.from({ length: MAX_NODES + 1 }, () => 'not a node');
    expect(errorsOf(JSON.stringify(d))).toEqual([{ path: '$.nodes', message: 'The document has 10,001 nodes; a model may have at most 10,000.' }]);
  });

  it('accepts exactly 10,000 nodes', () => {
    const d: any = smallDocument();
    d.nodes = Array.from({ length: MAX_NODES }, (_, i) => ({ id: `n${i}`, type: 'ReLU' }));
    d.edges = [];
    delete d.weights;
    expect(docOf(JSON.stringify(d)).nodes).toHaveLength(MAX_NODES);
  });
});
