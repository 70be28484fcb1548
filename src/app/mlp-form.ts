import { MAX_FEATURES } from '../model';
import type { MlpRequest } from '../editor/store/editor-store';

export type ActivationName = MlpRequest['activation'];

export interface MlpFormValues {
  inFeatures: string;
  numClasses: string;
  hidden: string;
  activation: ActivationName;
  dropout: string;
  mode: 'replace' | 'add';
}

export type MlpField = 'inFeatures' | 'numClasses' | 'hidden' | 'dropout';


function wholeNumber(text: string, label: string, min: number): number | string {
  const t = text.trim();
  if (t === '') return `${label} is required`;
  const v = Number(t);
  if (!Number.isFinite(v)) return `${label} must be a number, got “${t}”`;
  if (!Number.isInteger(v)) return `${label} must be a whole number, got ${t}`;
  if (v < min || v > MAX_FEATURES) return `${label} must be between ${min} and ${MAX_FEATURES.toLocaleString('en-US')}, got ${t}`;
  return v;
}

/**
 * Checks the "Build MLP" form as the homework's MLP(in_features, num_classes,
 * hidden_features, activation, dropout) constructor would take it; each problem is
 * reported against its field.
 */
export function validateMlpForm(v: MlpFormValues): { ok: true; spec: MlpRequest } | { ok: false; errors: Partial<Record<MlpField, string>> } {
  const errors: Partial<Record<MlpField, string>> = {};
  const inF = wholeNumber(v.inFeatures, 'In features', 1);
  if (typeof inF === 'string') errors.inFeatures = inF;
  const classes = wholeNumber(v.numClasses, 'Classes', 2);
  if (typeof classes === 'string') errors.numClasses = classes;
  const hidden: number[] = [];
  const parts = v.hidden.trim() === '' ? [] : v.hidden.split(',');
  for (const [i, part] of parts.entries()) {
    const h = wholeNumber(part, `Hidden size ${i + 1}`, 1);
    if (typeof h === 'string') {
      errors.hidden = part.trim() === '' ? `Hidden size ${i + 1} is empty: write sizes separated by commas, like 100, 50` : h;
      break;
    }
    hidden.push(h);
  }
  if (!errors.hidden && hidden.length > 64) errors.hidden = `At most 64 hidden layers, got ${hidden.length}`;
  const dt = v.dropout.trim();
  const p = dt === '' ? 0 : Number(dt);
  if (!Number.isFinite(p)) errors.dropout = `Dropout must be a number, got “${dt}”`;
  else if (p < 0 || p >= 1) errors.dropout = `Dropout must be at least 0 and less than 1, got ${dt}`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, spec: { inFeatures: inF as number, numClasses: classes as number, hiddenFeatures: hidden, activation: v.activation, dropout: p } };
}
