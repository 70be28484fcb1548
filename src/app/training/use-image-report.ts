import { useEffect, useRef, useState } from 'react';
import type { ImageReport } from '../../runtime';
import { useRun, useRunStore } from '../../editor/run/use-run';

/** While training runs the views are refreshed this often (a pass over the test set and a copy of the first layer). */
export const IMAGE_REPORT_MS = 1000;

/**
 * The worker's image report for the loaded data: fetched (with the test images, once per
 * dataset) when the data load, every IMAGE_REPORT_MS while training runs, and once more
 * when a run pauses or ends. Null when the data are not images.
 */
export function useImageReport(): { report: ImageReport | null; images: Uint8Array | null } {
  const store = useRunStore();
  const load = useRun((s) => s.load);
  const state = useRun((s) => s.training.state);
  const step = useRun((s) => s.training.step);
  const [report, setReport] = useState<ImageReport | null>(null);
  const [images, setImages] = useState<Uint8Array | null>(null);
  const busy = useRef(false);
  const square = !!load?.ok && !!load.dataset && Number.isInteger(Math.sqrt(load.dataset.features)) && load.dataset.features >= 64;

  useEffect(() => {
    if (!square) {
      setReport(null);
      setImages(null);
      return;
    }
    let live = true;
    void store
      .getState()
      .imageReport(true)
      .then((r) => {
        if (!live) return;
        setReport(r);
        setImages(r?.images ?? null);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [store, load, square]);

  useEffect(() => {
    if (!square) return;
    const pull = () => {
      if (busy.current) return;
      busy.current = true;
      void store
        .getState()
        .imageReport(false)
        .then((r) => r && setReport(r))
        .catch(() => undefined)
        .finally(() => (busy.current = false));
    };
    if (state !== 'running') {
      if (step > 0) pull();
      return;
    }
    const timer = setInterval(pull, IMAGE_REPORT_MS);
    return () => clearInterval(timer);
  }, [store, state, square, step === 0]); // eslint-disable-line react-hooks/exhaustive-deps

  return { report, images };
}
