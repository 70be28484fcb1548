/** RGBA pixels of square images: grey digits, and signed maps (weights, saliency) blue (−) to red (+). */

/** Ink on white: 0 → white, 255 → black. */
export function grayPixels(bytes: Uint8Array, offset: number, count: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(count * 4);
  for (let i = 0; i < count; i++) {
    const v = 255 - bytes[offset + i];
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Largest |value| of values[offset … offset + count). */
export function maxAbs(values: ArrayLike<number>, offset = 0, count = values.length): number {
  let m = 0;
  for (let i = 0; i < count; i++) m = Math.max(m, Math.abs(values[offset + i]));
  return m;
}

/** White at 0, saturated blue at −scale and red at +scale (each image scaled by its own largest |value| unless told). */
export function divergingPixels(values: ArrayLike<number>, offset: number, count: number, scale = maxAbs(values, offset, count)): Uint8ClampedArray {
  const out = new Uint8ClampedArray(count * 4);
  const s = scale > 0 ? scale : 1;
  for (let i = 0; i < count; i++) {
    const t = Math.max(-1, Math.min(1, values[offset + i] / s));
    const fade = Math.round(255 * (1 - Math.abs(t)));
    // Red for positive, blue for negative, fading to white at 0.
    out[i * 4] = t >= 0 ? 255 : fade;
    out[i * 4 + 1] = fade;
    out[i * 4 + 2] = t >= 0 ? fade : 255;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The digit in grey with |dL/dx| laid over it in red, opacity by strength: where the loss is sensitive. */
export function saliencyPixels(bytes: ArrayLike<number>, saliency: ArrayLike<number>, count: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(count * 4);
  const s = maxAbs(saliency, 0, count) || 1;
  for (let i = 0; i < count; i++) {
    const g = 255 - Math.round(Math.min(1, Math.max(0, bytes[i])) * 160);
    const a = Math.abs(saliency[i]) / s;
    out[i * 4] = Math.round(g * (1 - a) + 220 * a);
    out[i * 4 + 1] = Math.round(g * (1 - a) + 30 * a);
    out[i * 4 + 2] = Math.round(g * (1 - a) + 30 * a);
    out[i * 4 + 3] = 255;
  }
  return out;
}
