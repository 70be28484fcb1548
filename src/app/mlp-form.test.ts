import { describe, expect, it } from 'vitest';
import { validateMlpForm, type MlpFormValues } from './mlp-form';

const base: MlpFormValues = { inFeatures: '10', numClasses: '10', hidden: '100, 50, 100', activation: 'relu', dropout: '0.6', mode: 'replace' };

describe('the Build MLP form', () => {
  it("reads the homework's MLP(10, 10, [100, 50, 100], dropout=0.6)", () => {
    expect(validateMlpForm(base)).toEqual({ ok: true, spec: { inFeatures: 10, numClasses: 10, hiddenFeatures: [100, 50, 100], activation: 'relu', dropout: 0.6 } });
  });

  it('accepts no hidden layer and an empty dropout', () => {
    expect(validateMlpForm({ ...base, hidden: '  ', dropout: '' })).toMatchObject({ ok: true, spec: { hiddenFeatures: [], dropout: 0 } });
  });

  it('reports each bad field in words', () => {
    const r = validateMlpForm({ inFeatures: '1.5', numClasses: '', hidden: '10,,20', activation: 'tanh', dropout: '-0.1', mode: 'add' });
    expect(r).toEqual({
      ok: false,
      errors: {
        inFeatures: 'In features must be a whole number, got 1.5',
        numClasses: 'Classes is required',
        hidden: 'Hidden size 2 is empty: write sizes separated by commas, like 100, 50',
        dropout: 'Dropout must be at least 0 and less than 1, got -0.1',
      },
    });
    expect(validateMlpForm({ ...base, hidden: '10, 0' })).toMatchObject({ ok: false, errors: { hidden: 'Hidden size 2 must be between 1 and 1,000,000, got 0' } });
    expect(validateMlpForm({ ...base, numClasses: 'ten' })).toMatchObject({ ok: false, errors: { numClasses: 'Classes must be a number, got “ten”' } });
  });
});
