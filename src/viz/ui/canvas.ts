/**
 * Puts RGBA pixels on a canvas sized to them. Returns false, without throwing, where there is
 * no 2-D context (jsdom, a lost context), so components render their text parts regardless.
 */
export function drawPixels(canvas: HTMLCanvasElement | null, pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): boolean {
  if (!canvas || width <= 0 || height <= 0) return false;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = context2d(canvas);
  if (!ctx || typeof ImageData === 'undefined') return false;
  ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  return true;
}

/** The canvas's 2-D context, or null where the environment has none. */
export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}

/** The device pixel ratio (1 outside a browser). */
export function pixelRatio(): number {
  return typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
}

/**
 * Sizes a canvas for a plot of `width` × `height` CSS px at the device's pixel ratio and returns
 * its cleared context, drawing in CSS px; null where there is no 2-D context.
 */
export function plotContext(canvas: HTMLCanvasElement, width: number, height: number, dpr: number): CanvasRenderingContext2D | null {
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = context2d(canvas);
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
