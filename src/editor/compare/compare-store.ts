import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EstimatorKindSetting, EstimatorSettings } from '../../model';
import type { CompareOptions, ComparePoint, CompareProgress, CompareResult, CompareTrack } from '../../runtime';
import type { RunStore } from '../run/run-data';

export type CompareStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What the user sets up before pressing Compare. */
export interface CompareForm {
  kinds: EstimatorKindSetting[];
  steps: number;
  timeBudgetS: number;
  /** null: the document's target loss when it has one, else DEFAULT_TARGET_LOSS. */
  targetLoss: number | null;
}

export const DEFAULT_TARGET_LOSS = 0.5;

export interface CompareData {
  form: CompareForm;
  status: CompareStatus;
  error: string | null;
  /** The options of the comparison on show. */
  options: CompareOptions | null;
  /** Per estimator of `options`: its points so far (a new array per message) and its latest figures. */
  points: ComparePoint[][];
  tracks: (CompareTrack | null)[];
  result: CompareResult | null;
  /** Bumped when a comparison starts: views start their series over. */
  run: number;
}

export interface CompareActions {
  setForm(form: Partial<CompareForm>): void;
  /** Runs the form's estimators (their tangents and samples from `estimator`) with the given target. */
  start(estimator: EstimatorSettings, targetLoss: number): Promise<void>;
  stop(): void;
}

export type CompareState = CompareData & CompareActions;
export type CompareStore = StoreApi<CompareState>;

export const DEFAULT_FORM: CompareForm = { kinds: ['backprop', 'forward-gradient'], steps: 2000, timeBudgetS: 20, targetLoss: null };

/**
 * The comparison of gradient estimators on show: the form, the run's progress as it streams
 * in from the worker, and its result. The work itself is the run store's (the engine's).
 */
export function createCompareStore(runStore: RunStore): CompareStore {
  return createStore<CompareState>()((set, get) => ({
    form: DEFAULT_FORM,
    status: 'idle',
    error: null,
    options: null,
    points: [],
    tracks: [],
    result: null,
    run: 0,

    setForm(form) {
      set({ form: { ...get().form, ...form } });
    },

    async start(estimator, targetLoss) {
      if (get().status === 'running') return;
      const { form } = get();
      const options: CompareOptions = {
        estimators: form.kinds.map((kind) => ({ ...estimator, kind })),
        steps: form.steps,
        timeBudgetMs: form.timeBudgetS * 1000,
        targetLoss,
      };
      const run = get().run + 1;
      set({ status: 'running', error: null, options, points: options.estimators.map(() => []), tracks: options.estimators.map(() => null), result: null, run });
      const onProgress = (p: CompareProgress) => {
        if (get().run !== run) return;
        const points = get().points.slice();
        const tracks = get().tracks.slice();
        points[p.index] = p.points.length ? points[p.index].concat(p.points) : points[p.index];
        tracks[p.index] = p.track;
        set({ points, tracks });
      };
      try {
        const result = await runStore.getState().compareEstimators(options, onProgress);
        if (get().run === run) set({ status: result.cancelled ? 'cancelled' : 'done', result, tracks: options.estimators.map((_, i) => result.tracks[i] ?? get().tracks[i]) });
      } catch (e) {
        if (get().run === run) set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    },

    stop() {
      if (get().status === 'running') runStore.getState().cancelCompare();
    },
  }));
}

const stores = new WeakMap<RunStore, CompareStore>();

/** One comparison per run store (per engine), created on first use. */
export function compareStoreFor(runStore: RunStore): CompareStore {
  let s = stores.get(runStore);
  if (!s) stores.set(runStore, (s = createCompareStore(runStore)));
  return s;
}
