import type { TensorData } from '../../engine';
import { Acc, type Allocation } from './tiles';

/**
 * Sorted, de-duplicated cut points `point(0)` … `point(count − 1)` clamped to [0, length],
 * with 0 and length always included.
 */
export function makeCuts(count: number, point: (i: number) => number, length: number, mem: Allocation): Int32Array {
  const raw = mem.i32(count + 2);
  raw[0] = 0;
  raw[1] = length;
  for (let i = 0; i < count; i++) raw[i + 2] = Math.min(length, Math.max(0, point(i)));
  raw.sort();
  let m = 0;
  for (let i = 0; i < raw.length; i++) if (i === 0 || raw[i] !== raw[i - 1]) raw[m++] = raw[i];
  return raw.subarray(0, m);
}

function scanFloat32(data: TensorData, from: number, to: number, acc: Acc): void {
  let m = acc.max;
  let nz = 0;
  for (let c = from; c < to; c++) {
    const v = Math.abs(data[c]);
    if (v !== 0) {
      nz++;
      if (v > m) m = v;
    }
  }
  acc.max = m;
  acc.count += nz;
}

/** As scanFloat32, for float64 data seen at float32 precision. */
function scanRounded(data: TensorData, from: number, to: number, acc: Acc): void {
  let m = acc.max;
  let nz = 0;
  for (let c = from; c < to; c++) {
    const v = Math.abs(Math.fround(data[c]));
    if (v !== 0) {
      nz++;
      if (v > m) m = v;
    }
  }
  acc.max = m;
  acc.count += nz;
}

function indexOfCut(cuts: Int32Array, x: number, what: string): number {
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (cuts[lo] !== x) throw new Error(`RectIndex: ${what} ${x} is not one of the prepared cuts`);
  return lo;
}

/**
 * Exact non-zero counts and max |value| over rectangles of a row-major matrix, for rectangles
 * whose sides run between prepared cut points. The cuts split the matrix into an elementary
 * grid (at most a few hundred per side); one pass over the matrix fills the grid's cell maxima
 * and a 2-D prefix sum of its non-zero counts (O(1) count queries), and a sparse table along
 * each grid row answers the maximum over a run of grid columns in O(1), so a rectangle costs
 * O(its grid rows). Values are compared as float32, the precision of the Jacobian's output.
 */
export class RectIndex {
  private readonly pr: number;
  private readonly pc: number;
  private readonly prefix: Float64Array;
  private readonly table: Float32Array;

  constructor(
    data: TensorData,
    readonly numRows: number,
    readonly numCols: number,
    readonly rowCuts: Int32Array,
    readonly colCuts: Int32Array,
    mem: Allocation,
  ) {
    const pr = rowCuts.length - 1;
    const pc = colCuts.length - 1;
    this.pr = pr;
    this.pc = pc;
    const levels = pc > 0 ? 32 - Math.clz32(pc) : 1;
    const table = mem.f32(levels * pr * pc);
    const cnt = mem.f64((pr + 1) * (pc + 1));
    const seg = new Acc();
    const scan = data instanceof Float32Array ? scanFloat32 : scanRounded;
    for (let p = 0; p < pr; p++) {
      for (let r = rowCuts[p]; r < rowCuts[p + 1]; r++) {
        const base = r * numCols;
        for (let q = 0; q < pc; q++) {
          seg.reset();
          seg.max = table[p * pc + q];
          scan(data, base + colCuts[q], base + colCuts[q + 1], seg);
          table[p * pc + q] = seg.max;
          cnt[(p + 1) * (pc + 1) + q + 1] += seg.count;
        }
      }
    }
    for (let p = 1; p <= pr; p++) {
      for (let q = 1; q <= pc; q++) {
        cnt[p * (pc + 1) + q] += cnt[(p - 1) * (pc + 1) + q] + cnt[p * (pc + 1) + q - 1] - cnt[(p - 1) * (pc + 1) + q - 1];
      }
    }
    const size = pr * pc;
    for (let l = 1, w = 1; l < levels; l++, w *= 2) {
      const src = (l - 1) * size;
      const dst = l * size;
      for (let p = 0; p < pr; p++) {
        for (let q = 0; q + 2 * w <= pc; q++) {
          const a = table[src + p * pc + q];
          const b = table[src + p * pc + q + w];
          table[dst + p * pc + q] = a > b ? a : b;
        }
      }
    }
    this.prefix = cnt;
    this.table = table;
  }

  /** Adds the rectangle [r0, r1) × [c0, c1) (sides on the cuts) to `acc`. */
  query(r0: number, r1: number, c0: number, c1: number, acc: Acc): void {
    if (r1 <= r0 || c1 <= c0) return;
    const pa = indexOfCut(this.rowCuts, r0, 'row');
    const pb = indexOfCut(this.rowCuts, r1, 'row');
    const qa = indexOfCut(this.colCuts, c0, 'column');
    const qb = indexOfCut(this.colCuts, c1, 'column');
    const w = this.pc + 1;
    const P = this.prefix;
    acc.count += P[pb * w + qb] - P[pa * w + qb] - P[pb * w + qa] + P[pa * w + qa];
    const l = 31 - Math.clz32(qb - qa);
    const lo = l * this.pr * this.pc + qa;
    const hi = l * this.pr * this.pc + qb - (1 << l);
    const t = this.table;
    let m = acc.max;
    for (let p = pa; p < pb; p++) {
      const a = t[lo + p * this.pc];
      const b = t[hi + p * this.pc];
      if (a > m) m = a;
      if (b > m) m = b;
    }
    acc.max = m;
  }
}
