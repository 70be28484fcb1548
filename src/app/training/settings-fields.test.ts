import { describe, expect, it } from 'vitest';
import { defaultTraining, ModelDocumentSchema, TrainingSchema } from '../../model/schema';
import { DATASETS, FIELDS, fieldError, fieldText, OPTIMIZERS, parseField, readField, writeField, type FieldKey } from './settings-fields';

const accepts = (key: FieldKey, value: number): boolean => {
  if (key === 'seed') return ModelDocumentSchema.shape.seed.safeParse(value).success;
  return TrainingSchema.safeParse(writeField(defaultTraining(), key, value)).success;
};

describe('training settings fields', () => {
  it('accept exactly what the document schema accepts at and beyond each bound', () => {
    for (const spec of Object.values(FIELDS)) {
      const k = spec.key;
      const step = spec.kind === 'integer' ? 1 : 1e-9 * Math.max(1, spec.max ?? 1);
      const cases = [spec.min, spec.min - step, spec.min + step, ...(spec.max === undefined ? [1e300] : [spec.max, spec.max - step, spec.max + step])];
      for (const v of cases) {
        const form = fieldError(spec, String(v)) === null;
        expect({ k, v, form }).toEqual({ k, v, form: accepts(k, v) });
      }
      if (spec.kind === 'integer') {
        expect(fieldError(spec, String(spec.min + 0.5))).toMatch(/whole number/);
        expect(accepts(k, spec.min + 0.5)).toBe(false);
      }
    }
  });

  it('explain what is wrong, naming the field and the range', () => {
    expect(fieldError(FIELDS.lr, '')).toBe('Learning rate is required');
    expect(fieldError(FIELDS.lr, 'fast')).toBe('Learning rate must be a number, got “fast”');
    expect(fieldError(FIELDS.lr, '-0.1')).toBe('Learning rate must be a number of 0 or more, got -0.1');
    expect(fieldError(FIELDS.batch_size, '0')).toBe('Batch size must be a whole number from 1 to 100,000, got 0');
    expect(fieldError(FIELDS.batch_size, '12.5')).toBe('Batch size must be a whole number from 1 to 100,000, got 12.5');
    expect(fieldError(FIELDS.eps, '0')).toBe('ε must be a number greater than 0, got 0');
    expect(fieldError(FIELDS.momentum, '1')).toBe('Momentum must be a number from 0 to 0.999999, got 1');
    expect(fieldError(FIELDS.test_percent, '95')).toBe('Test split (%) must be a number from 0 to 90, got 95');
    expect(fieldError(FIELDS.seed, '4294967296')).toBe('Seed must be a whole number from 0 to 4,294,967,295, got 4294967296');
  });

  it('read only decimal notation as numbers', () => {
    expect(parseField(FIELDS.lr, ' 1e-3 ')).toEqual({ value: 0.001 });
    expect(parseField(FIELDS.lr, '.5')).toEqual({ value: 0.5 });
    expect(parseField(FIELDS.lr, '+2.')).toEqual({ value: 2 });
    for (const t of ['0x10', '1_000', 'Infinity', 'NaN', '1,5', '1e', '--1']) expect(parseField(FIELDS.lr, t)).toHaveProperty('error');
  });

  it('write one field, sharing the untouched parts, and read it back as the field shows it', () => {
    const t = defaultTraining();
    expect(writeField(t, 'lr', t.optimizer.lr)).toBe(t);
    const u = writeField(t, 'lr', 0.3);
    expect(u.optimizer.lr).toBe(0.3);
    expect(u.dataset).toBe(t.dataset);
    const v = writeField(t, 'test_percent', 35);
    expect(v.dataset.test_fraction).toBe(0.35);
    expect(fieldText(v, 1, 'test_percent')).toBe('35');
    expect(fieldText({ ...t, dataset: { ...t.dataset, test_fraction: 0.07 } }, 1, 'test_percent')).toBe('7');
    expect(readField(t, 99, 'seed')).toBe(99);
    for (const k of Object.keys(FIELDS) as FieldKey[]) {
      if (k === 'seed') continue;
      const shown = Number(fieldText(t, 0, k));
      expect(writeField(t, k, shown)).toBe(t);
    }
  });

  it('list every dataset and optimizer kind of the schema once, each with fields that exist', () => {
    const kinds = TrainingSchema.shape.dataset.unwrap().shape.kind.unwrap().options;
    expect(DATASETS.map((d) => d.kind).sort()).toEqual([...kinds].sort());
    const opts = TrainingSchema.shape.optimizer.unwrap().shape.kind.unwrap().options;
    expect(OPTIMIZERS.map((o) => o.kind).sort()).toEqual([...opts].sort());
    for (const o of OPTIMIZERS) for (const f of [...o.fields, ...o.advanced]) expect(FIELDS[f]).toBeDefined();
  });
});
