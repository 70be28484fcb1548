import { describe, expect, it } from 'vitest';
import { readExampleIndex } from './examples';
import { documentJson, exportFileName } from './export-model';
import { fileStem } from './download';
import { parseDocumentText } from './document-text';
import { CURRENT_VERSION, FORMAT, type ModelDocument } from '../../model/schema';

describe('examples index', () => {
  it('reads the list and its default', () => {
    const idx = readExampleIndex({ default: 'b.json', examples: [{ file: 'a.json', name: 'A', description: 'x' }, { file: 'b.json', name: 'B', description: 'y' }] });
    expect(idx.defaultFile).toBe('b.json');
    expect(idx.examples.map((e) => e.name)).toEqual(['A', 'B']);
  });

  it('names what is wrong with a bad index', () => {
    expect(() => readExampleIndex([])).toThrow(/expected an object with an "examples" list/);
    expect(() => readExampleIndex({ examples: [{ file: 'a.json', name: 3, description: '' }] })).toThrow('examples[0].name must be a string');
    expect(() => readExampleIndex({ default: 'z.json', examples: [{ file: 'a.json', name: 'A', description: '' }] })).toThrow(/"z.json" is not among the examples/);
  });
});

describe('export files', () => {
  it('names files after the model', () => {
    expect(fileStem('Spiral classifier (v2)')).toBe('spiral-classifier-v2');
    expect(fileStem('Ünïcödé')).toBe('unicode');
    expect(fileStem('***')).toBe('model');
    expect(exportFileName('My net', 'json')).toBe('my-net.json');
    expect(exportFileName('My net', 'json-weights')).toBe('my-net.weights.json');
    expect(exportFileName('My net', 'pytorch')).toBe('my_net.py');
    expect(exportFileName('My net', 'onnx')).toBe('my-net.onnx');
  });

  it('writes JSON that parses back to the same document, with or without weights', () => {
    const doc: ModelDocument = {
      format: FORMAT,
      version: CURRENT_VERSION,
      name: 'w',
      seed: 1,
      nodes: [
        { id: 'in', type: 'Input', params: { features: 1 }, position: { x: 0, y: 0 } },
        { id: 'fc', type: 'Linear', params: { in_features: 1, out_features: 1 }, position: { x: 210, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'fc' }],
      weights: { fc: { w: { shape: [1, 1], dtype: 'float32', data: 'AACAPw==' }, b: { shape: [1], dtype: 'float32', data: 'AAAAAA==' } } },
    };
    const withW = parseDocumentText(documentJson(doc, true));
    expect(withW.ok && withW.doc).toEqual(doc);
    const without = parseDocumentText(documentJson(doc, false));
    expect(without.ok && without.doc.weights).toBeUndefined();
  });
});
