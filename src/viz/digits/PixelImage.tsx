import { useEffect, useRef } from 'react';

export interface PixelImageProps {
  /** side × side RGBA pixels. */
  pixels: Uint8ClampedArray;
  side: number;
  /** Displayed size in CSS pixels. */
  size: number;
  title?: string;
  className?: string;
  testId?: string;
}

/** A small square image drawn pixel for pixel and enlarged without smoothing. */
export function PixelImage({ pixels, side, size, title, className, testId }: PixelImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(side, side);
    img.data.set(pixels);
    ctx.putImageData(img, 0, 0);
  }, [pixels, side]);
  return <canvas ref={ref} width={side} height={side} className={className} data-testid={testId} style={{ width: size, height: size, imageRendering: 'pixelated' }} title={title} />;
}
