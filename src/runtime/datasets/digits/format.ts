/**
 * The digits asset: a small header, then one label byte per digit, then 28×28 pixel bytes
 * per digit (row-major, 0 = background, 255 = ink). Little-endian.
 *
 *   bytes 0–7   "BPDIGIT1"
 *   bytes 8–11  uint32 digit count N
 *   bytes 12–13 uint16 rows (28), 14–15 uint16 columns (28)
 *   N label bytes (0–9), then N × 784 pixel bytes
 */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;
const MAGIC = 'BPDIGIT1';
const HEADER = 16;

export interface DigitsData {
  count: number;
  labels: Uint8Array;
  /** count × 784 bytes. */
  pixels: Uint8Array;
}

export function encodeDigits(labels: Uint8Array, pixels: Uint8Array): Uint8Array {
  const n = labels.length;
  if (pixels.length !== n * DIGIT_PIXELS) throw new RangeError(`encodeDigits: ${n} labels need ${n * DIGIT_PIXELS} pixels, got ${pixels.length}`);
  const out = new Uint8Array(HEADER + n + n * DIGIT_PIXELS);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(8, n, true);
  view.setUint16(12, DIGIT_SIDE, true);
  view.setUint16(14, DIGIT_SIDE, true);
  out.set(labels, HEADER);
  out.set(pixels, HEADER + n);
  return out;
}

/** Reads the asset; throws an Error naming what is wrong with a damaged or foreign file. */
export function decodeDigits(bytes: Uint8Array): DigitsData {
  if (bytes.length < HEADER) throw new Error(`The digits file is too short (${bytes.length} bytes) to be a digits file.`);
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error(`The digits file does not start with ${MAGIC} (it is not a digits file, or of another version).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const rows = view.getUint16(12, true);
  const cols = view.getUint16(14, true);
  if (rows !== DIGIT_SIDE || cols !== DIGIT_SIDE) throw new Error(`The digits file holds ${rows}×${cols} images; ${DIGIT_SIDE}×${DIGIT_SIDE} are expected.`);
  const expected = HEADER + count * (1 + DIGIT_PIXELS);
  if (bytes.length !== expected) throw new Error(`The digits file has ${bytes.length} bytes; ${count} digits take ${expected}.`);
  const labels = bytes.subarray(HEADER, HEADER + count);
  for (let i = 0; i < count; i++) if (labels[i] >= DIGIT_CLASSES) throw new Error(`Digit ${i} of the digits file has the label ${labels[i]}, outside 0–9.`);
  return { count, labels, pixels: bytes.subarray(HEADER + count) };
}
