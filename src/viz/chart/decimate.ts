/**
 * An SVG path of a line drawn from points in order, decimated to at most four vertices per pixel
 * column (the column's first, lowest, highest and last point), built incrementally: points are
 * fed as they arrive, finished columns are kept as text. Gaps (non-finite y) lift the pen.
 */
export class DecimatedPath {
  private done = '';
  private col = NaN;
  private x0 = 0;
  private x1 = 0;
  private first = 0;
  private lo = 0;
  private hi = 0;
  private last = 0;
  private penDown = false;
  /** Points consumed so far. */
  fed = 0;
  /** Vertices written to the path so far (for tests and measurements). */
  vertices = 0;

  reset(): void {
    this.done = '';
    this.col = NaN;
    this.penDown = false;
    this.fed = 0;
    this.vertices = 0;
  }

  /** One point in pixel coordinates; y NaN is a gap. */
  add(x: number, y: number): void {
    this.fed++;
    if (y !== y || x !== x) {
      this.flush();
      this.col = NaN;
      this.penDown = false;
      return;
    }
    const c = Math.floor(x);
    if (c === this.col) {
      if (y < this.lo) this.lo = y;
      if (y > this.hi) this.hi = y;
      this.last = y;
      this.x1 = x;
      return;
    }
    this.flush();
    this.col = c;
    this.x0 = this.x1 = x;
    this.first = this.lo = this.hi = this.last = y;
  }

  /** The path so far, including the open column. */
  path(): string {
    return this.done + this.columnText(false);
  }

  private flush(): void {
    if (this.col === this.col) {
      this.done += this.columnText(true);
      this.penDown = true;
    }
  }

  private columnText(commit: boolean): string {
    if (this.col !== this.col) return '';
    const cmd = this.penDown ? 'L' : 'M';
    const x0 = r(this.x0);
    let s = `${cmd}${x0},${r(this.first)}`;
    let v = 1;
    if (this.hi !== this.lo) {
      const xm = r((this.x0 + this.x1) / 2);
      s += `L${xm},${r(this.lo)}L${xm},${r(this.hi)}`;
      v += 2;
    }
    if (this.last !== this.first || this.x1 !== this.x0) {
      s += `L${r(this.x1)},${r(this.last)}`;
      v++;
    }
    if (commit) this.vertices += v;
    return s;
  }
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
