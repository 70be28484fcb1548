import { z } from 'zod';
import type { DecisionBoundary, GradNormPoint, RegressionFit, TrainPoint } from '../../runtime';
import type { RunStore, TrainingView } from '../run/run-data';
import { emptyCurves } from '../run/curves';
import { engineKey } from '../run/sync-key';
import type { EditorStore } from '../store/editor-store';
import type { KeyValueStore } from './idb';

/** Where the last training run's history is kept, beside the autosaved document. */
export const LAST_RUN_KEY = 'last-run';
/** Points kept per series: a long run is decimated to this many (the first and the last always kept). */
export const MAX_SAVED_POINTS = 2000;
/** While training runs, its history is saved this often (and at every pause and end, and when the page closes). */
export const RUN_SAVE_INTERVAL_MS = 5000;

/** Every `n`-th item so at most `max` remain, the last one always among them. */
export function decimate<T>(items: readonly T[], max = MAX_SAVED_POINTS): T[] {
  if (items.length <= max) return items.slice();
  const out: T[] = [];
  const stride = (items.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(items[Math.round(i * stride)]);
  return out;
}

const num = z.number();
const nullableNum = z.number().nullable();
const PointSchema = z.object({
  step: num,
  epoch: num,
  trainLoss: num,
  trainAccuracy: nullableNum,
  testLoss: nullableNum,
  testAccuracy: nullableNum,
  trainR2: nullableNum.optional(),
  testR2: nullableNum.optional(),
});
const NormPointSchema = z.object({ step: num, norms: z.record(z.string(), z.object({ input: num, params: num })) });
const EndSchema = z.object({ reason: z.enum(['finished', 'target', 'stopped', 'diverged', 'failed']), message: z.string().max(2000), step: num, epoch: num, nodeId: z.string().optional() });
const BoundarySchema = z
  .object({
    step: num,
    resolution: z.number().int().min(1).max(400),
    bounds: z.object({ min: z.array(num).length(2), max: z.array(num).length(2) }),
    classes: z.instanceof(Uint16Array),
    confidence: z.instanceof(Float32Array),
  })
  .refine((b) => b.classes.length === b.resolution ** 2 && b.confidence.length === b.resolution ** 2, 'the boundary grid does not match its resolution');
/** A regression's fit: a curve of `resolution` predictions (1 feature) or a resolution² grid (2). */
const FitSchema = z
  .object({
    step: num,
    features: z.union([z.literal(1), z.literal(2)]),
    resolution: z.number().int().min(1).max(400),
    bounds: z.object({ min: z.array(num).min(1).max(2), max: z.array(num).min(1).max(2) }),
    prediction: z.instanceof(Float32Array),
  })
  .refine(
    (f) => f.bounds.min.length === f.features && f.bounds.max.length === f.features && f.prediction.length === f.resolution ** f.features,
    'the fit does not match its features and resolution',
  );
const SavedRunSchema = z.object({
  version: z.literal(1),
  docKey: z.string(),
  savedAt: num,
  state: z.enum(['idle', 'running', 'paused', 'stopped', 'finished', 'diverged', 'failed']),
  step: num,
  epoch: num,
  end: EndSchema.nullable(),
  points: z.array(PointSchema).max(MAX_SAVED_POINTS),
  gradNorms: z.array(NormPointSchema).max(MAX_SAVED_POINTS),
  boundary: BoundarySchema.nullable(),
  /** Absent in runs saved before regression fits were kept. */
  fit: FitSchema.nullable().optional(),
});
export type SavedRun = Omit<z.output<typeof SavedRunSchema>, 'boundary' | 'fit'> & { boundary: DecisionBoundary | null; fit: RegressionFit | null };

/** A training view as saved: decimated, a run under way saved as paused (after a reload it is not running). */
export function savedRun(view: TrainingView, docKey: string, savedAt: number): SavedRun {
  return {
    version: 1,
    docKey,
    savedAt,
    state: view.state === 'running' ? 'paused' : view.state,
    step: view.step,
    epoch: view.epoch,
    end: view.end,
    points: decimate(view.curves.points),
    gradNorms: decimate(view.curves.gradNorms),
    boundary: view.boundary,
    fit: view.fit ?? null,
  };
}

/** The saved run as a view marked as the previous session's, or null when `value` is not a saved run of the document with `docKey`. */
export function previousRunView(value: unknown, docKey: string): TrainingView | null {
  const r = SavedRunSchema.safeParse(value);
  if (!r.success || r.data.docKey !== docKey || r.data.step === 0) return null;
  const s = r.data;
  const curves = emptyCurves();
  curves.points.push(...(s.points as TrainPoint[]));
  curves.gradNorms.push(...(s.gradNorms as GradNormPoint[]));
  return {
    state: s.state === 'paused' ? 'stopped' : s.state,
    step: s.step,
    epoch: s.epoch,
    curves: { ...curves, version: 1 },
    snapshot: null,
    boundary: (s.boundary as DecisionBoundary | null) ?? null,
    fit: (s.fit as RegressionFit | null | undefined) ?? null,
    end: s.end,
    previous: { savedAt: s.savedAt },
  };
}

export interface RunHistory {
  /** Saves now if the run changed since the last save. */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the last training run's history (curves, gradient norms, boundary or fit, status) in the
 * browser beside the autosaved document: every few seconds while it trains, at every
 * pause and end, and when the page closes. A failed write costs the history, never the model.
 */
export function startRunHistory(run: RunStore, editor: EditorStore, kv: KeyValueStore, now: () => number = Date.now): RunHistory {
  let saved: TrainingView | null = run.getState().training;
  let lastSave = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = async () => {
    const view = run.getState().training;
    if (view === saved || view.previous || view.step === 0) return;
    saved = view;
    lastSave = now();
    try {
      await kv.set(LAST_RUN_KEY, savedRun(view, engineKey(editor.getState().doc), now()));
    } catch {
      // The run's history is a convenience; the document itself is autosaved separately.
    }
  };
  const unsubscribe = run.subscribe((s, prev) => {
    if (s.training === prev.training) return;
    const ended = s.training.state !== 'running' && prev.training.state === 'running';
    if (ended) void write();
    else if (s.training.state === 'running' && !timer) {
      timer = setTimeout(() => {
        timer = null;
        void write();
      }, Math.max(0, RUN_SAVE_INTERVAL_MS - (now() - lastSave)));
    }
  });
  return {
    flush: write,
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

/** Shows the last run saved for the editor's document, marked as the previous session's. */
export async function restoreRunHistory(run: RunStore, editor: EditorStore, kv: KeyValueStore): Promise<boolean> {
  try {
    const view = previousRunView(await kv.get(LAST_RUN_KEY), engineKey(editor.getState().doc));
    if (!view) return false;
    await run.getState().restoreTraining(view);
    return run.getState().training.previous !== undefined;
  } catch {
    return false;
  }
}
