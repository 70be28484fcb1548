import { digitsDataset, splitDigits, type DigitsProgress, type DigitsSource } from './datasets/digits';
import type { Dataset, DatasetError, DatasetSplit } from './datasets';

export type DigitsPrepared = { ok: true; data: Dataset; split: DatasetSplit } | { ok: false; errors: DatasetError[]; pending: boolean };

/**
 * The service's digits: fetched through the source it was given when a document first asks
 * for them (never before), then kept for every later load. While they load, preparing them
 * reports that they are on their way; a failed fetch is reported and tried again on the next load.
 */
export class DigitsProvider {
  private dataset: Dataset | null = null;
  private loading: Promise<void> | null = null;
  private failure: string | null = null;
  private progress: DigitsProgress | null = null;
  private readonly listeners = new Set<(p: DigitsProgress) => void>();

  constructor(private readonly source?: DigitsSource) {}

  get ready(): boolean {
    return this.dataset !== null;
  }

  /** The digits split for `samples`, or why not (yet); starts the fetch unless one failed and `retry` is false. */
  prepare(samples: number, retry = true): DigitsPrepared {
    if (this.dataset) return { ok: true, data: this.dataset, split: splitDigits(this.dataset, samples) };
    if (!this.source) return { ok: false, pending: false, errors: [{ field: 'kind', message: 'The digits are not available here: this engine was started without the digits file.' }] };
    if (this.failure && !retry) return { ok: false, pending: false, errors: [{ field: 'kind', message: `The digits could not be loaded: ${this.failure}` }] };
    if (!this.loading) {
      this.failure = null;
      this.start();
    }
    return { ok: false, pending: true, errors: [{ field: 'kind', message: 'The digits are loading…' }] };
  }

  private start(): void {
    this.progress = { loaded: 0, total: null };
    this.loading = this.source!
      .load((p) => {
        this.progress = p;
        for (const l of this.listeners) l(p);
      })
      .then(
        (d) => {
          this.dataset = digitsDataset(d);
        },
        (e: unknown) => {
          this.failure = e instanceof Error ? e.message : String(e);
        },
      )
      .finally(() => {
        this.loading = null;
        this.progress = null;
      });
  }

  /** Resolves when a fetch under way ends (at once when none is): the error message if it failed. */
  async wait(onProgress?: (p: DigitsProgress) => void): Promise<string | null> {
    if (!this.loading) return this.failure;
    if (onProgress) {
      this.listeners.add(onProgress);
      if (this.progress) onProgress(this.progress);
    }
    try {
      await this.loading;
    } finally {
      if (onProgress) this.listeners.delete(onProgress);
    }
    return this.failure;
  }
}
