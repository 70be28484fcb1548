export interface HistogramInput {
  lo: number;
  hi: number;
  counts: ArrayLike<number>;
}

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/** The bins of a summary's histogram as value ranges; a constant tensor (lo = hi) is one bin of width 0. */
export function histogramBins(h: HistogramInput): Bin[] {
  const k = h.counts.length;
  const w = k ? (h.hi - h.lo) / k : 0;
  const out: Bin[] = [];
  for (let i = 0; i < k; i++) {
    if (w === 0 && i > 0) {
      out[0].count += h.counts[i];
      continue;
    }
    out.push({ x0: h.lo + i * w, x1: i === k - 1 ? h.hi : h.lo + (i + 1) * w, count: h.counts[i] });
  }
  return out;
}

/** The x-domain to draw: the histogram's range, widened around a constant so its bar has room. */
export function histogramDomain(h: HistogramInput): [number, number] {
  if (!(h.hi > h.lo)) {
    const pad = Math.abs(h.lo) > 0 ? Math.abs(h.lo) * 0.5 : 1;
    return [h.lo - pad, h.lo + pad];
  }
  return [h.lo, h.hi];
}
