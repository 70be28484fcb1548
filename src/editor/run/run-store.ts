import * as Comlink from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  BackwardReport,
  DatasetPoints,
  DecisionBoundary,
  EngineClient,
  ForwardReport,
  GradcheckReport,
  JacobianStructure,
  JacobianWrt,
  LiveSnapshot,
  LoadResult,
  StepReport,
  TensorKind,
  TensorView,
  TrainEnd,
  TrainProgress,
  TrainState,
  TensorSummary,
} from '../../runtime';
import { COURTESY_PROGRESS_INTERVAL_MS } from '../../runtime/courtesy';
import { summarize } from '../../runtime/summary';
import { currentDocument, type EditorStore } from '../store/editor-store';
import { appendCurves, emptyCurves, type TrainingCurves } from './curves';
import { engineKey } from './sync-key';
import { forwardComplete } from './views';

export type Busy = 'forward' | 'backward' | 'step' | 'gradcheck' | 'reset' | null;

export interface TrainingView {
  state: TrainState;
  step: number;
  epoch: number;
  curves: TrainingCurves;
  snapshot: LiveSnapshot | null;
  boundary: DecisionBoundary | null;
  end: TrainEnd | null;
}

export interface RunData {
  /** The worker answered its first load. */
  ready: boolean;
  /** The last compile in the worker (plan, data problems, dataset). */
  load: LoadResult | null;
  busy: Busy;
  mode: 'train' | 'eval';
  forward: ForwardReport | null;
  backward: BackwardReport | null;
  /** The stepped pass so far; `stepCursor` is the step on show (−1: none). Stepping back only moves the cursor. */
  steps: StepReport[];
  stepCursor: number;
  /** Steps in a whole stepped pass (forward and backward). */
  stepTotal: number;
  playing: boolean;
  gradcheck: GradcheckReport | null;
  /**
   * Layer node id → its Jacobian with respect to its input on the current batch, fetched after
   * each completed forward pass (whole or stepped); empty while none describes the model.
   */
  jacobians: Record<string, JacobianStructure>;
  training: TrainingView;
  /**
   * The training snapshot the canvas shows: training.snapshot, passed on at most every
   * LIVE_FIGURES_MS (the latest one always lands), so dozens of nodes and edges redraw a
   * few times a second rather than on every progress message.
   */
  liveSnapshot: LiveSnapshot | null;
  /** The Input's batch, summarised: the same for every pass on a loaded document. */
  batch: TensorSummary | null;
  points: DatasetPoints | null;
  /** The last thing that went wrong, in words. */
  error: string | null;
}

export interface RunActions {
  runForward(): Promise<void>;
  runBackward(): Promise<void>;
  stepForward(): Promise<void>;
  stepBack(): void;
  stepReset(): Promise<void>;
  /** Plays the stepped pass to its end, one step every `intervalMs`. */
  play(intervalMs: number): void;
  pausePlay(): void;
  toggleTraining(): Promise<void>;
  stopTraining(): void;
  /** A drag or pan on the page began or ended: while it lasts, training yields two thirds of its time to the page and the canvas's figures follow at most once a second. */
  gesture(active: boolean): void;
  resetWeights(): Promise<void>;
  runGradcheck(): Promise<void>;
  setMode(mode: 'train' | 'eval'): Promise<void>;
  jacobian(nodeId: string, wrt: JacobianWrt): Promise<JacobianStructure>;
  tensor(nodeId: string, kind: TensorKind, maxSide?: number): Promise<TensorView | null>;
  exportOnnx(): Promise<Uint8Array>;
  exportPyTorch(includeWeights: boolean): Promise<string>;
  /** Sends the editor's document now (normally debounced). */
  syncNow(): Promise<void>;
  dispose(): void;
}

export type RunState = RunData & RunActions;
export type RunStore = StoreApi<RunState>;

const LOAD_DEBOUNCE_MS = 120;
/** The batch comes whole (to be summarised exactly) up to this many values per side. */
const BATCH_SIDE = 1 << 14;
/** How often the canvas's figures follow training at most. */
export const LIVE_FIGURES_MS = 300;
/** While the user drags or pans, the training panels and the canvas's figures follow at most this often (as often as the worker then reports), and the weights wait for the gesture's end: the gesture's frames come first. */
export const GESTURE_LIVE_FIGURES_MS = COURTESY_PROGRESS_INTERVAL_MS;
const WEIGHTS_SYNC_MS = 3000;

function idleTraining(): TrainingView {
  return { state: 'idle', step: 0, epoch: 0, curves: emptyCurves(), snapshot: null, boundary: null, end: null };
}

/** What a run store holds before the worker has answered: nothing run, nothing trained. */
export function initialRunData(): RunData {
  return {
    ready: false,
    load: null,
    busy: null,
    mode: 'train',
    forward: null,
    backward: null,
    steps: [],
    stepCursor: -1,
    stepTotal: 0,
    playing: false,
    gradcheck: null,
    jacobians: {},
    training: idleTraining(),
    liveSnapshot: null,
    batch: null,
    points: null,
    error: null,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The bridge between the editor and the engine worker: it sends the document whenever
 * what the numbers depend on changes (debounced; a newly opened document replaces the
 * worker's weights, an edit keeps the trained ones), runs passes and training, keeps
 * their results for the views, and writes trained weights back into the editor (for
 * autosave and export).
 */
export function createRunStore(editor: EditorStore, client: EngineClient): RunStore {
  let loadedKey: string | null = null;
  let loadedLineage = -1;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let playTimer: ReturnType<typeof setInterval> | null = null;
  let syncing: Promise<void> = Promise.resolve();
  let lastWeightsSync = 0;
  /** Identifies the training run the view shows; progress of any other is dropped. */
  let runToken = 0;
  let lastLive = 0;
  let gestureActive = false;
  /** Progress held back while a gesture lasts (see GESTURE_LIVE_FIGURES_MS), and when progress last showed. */
  let heldTraining: { token: number; view: TrainingView } | null = null;
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  let lastTrainingShown = 0;
  let queuedSteps = 0;
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  // Stepping and inspection share the worker's one trace: their calls run one after another,
  // so a look inside never lands between a step's reset and its first layer.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  let scheduleSync = (): void => undefined;

  const store = createStore<RunState>()((set, get) => {
    const notifyError = (e: unknown) => {
      const text = message(e);
      set({ error: text });
      editor.getState().notify(text, 'error');
    };

    /** Results of passes describe the model they ran on; an edit makes them stale. */
    const clearPasses = () =>
      set({ forward: null, backward: null, steps: [], stepCursor: -1, gradcheck: null, playing: false, jacobians: {} });

    /**
     * The input Jacobians of every layer on the pass just completed (one update when all have
     * arrived). Passes do not change the weights or the batch, so the set stays valid until
     * clearPasses (an edit, training, new weights, a mode switch).
     */
    const fetchJacobians = async () => {
      const plan = get().load?.plan;
      if (!plan || Object.keys(get().jacobians).length) return;
      const out: Record<string, JacobianStructure> = {};
      for (const pl of plan.layers) {
        try {
          out[pl.nodeId] = await client.call((api) => api.jacobian(pl.nodeId, 'input'));
        } catch {
          // A layer without a Jacobian summary simply has no thumbnail.
        }
      }
      if (get().load?.plan === plan) set({ jacobians: out });
    };
    const batchOf = (f: ForwardReport): TensorSummary | null => {
      const id = get().load?.plan?.inputNodeId;
      return (id && f.nodes[id]) || null;
    };

    /** The batch the Input feeds, for the first edge of a stepped pass (before one: it runs a forward pass). */
    const fetchBatch = async () => {
      const id = get().load?.plan?.inputNodeId;
      if (!id) return;
      const view = await client.call((api) => api.tensor(id, 'output', BATCH_SIDE));
      if (view && view.rowStep === 1 && view.colStep === 1) set({ batch: summarize({ shape: view.shape, data: view.data }) });
    };

    /** Fetched in the background, in turn with stepping and inspection, so buttons stay live meanwhile. */
    const loadJacobians = () => serial(fetchJacobians).catch(() => undefined);

    const pullWeights = async () => {
      const weights = await client.call((api) => api.getWeights());
      client.rememberWeights(weights);
      editor.getState().setWeights(weights);
    };

    const sync = async () => {
      const s = editor.getState();
      const key = engineKey(s.doc);
      const fresh = s.lineage !== loadedLineage;
      if (!fresh && key === loadedKey) return;
      loadedKey = key;
      loadedLineage = s.lineage;
      const doc = currentDocument(s);
      const result = await client.load(doc, { weights: fresh ? 'document' : 'keep' });
      clearPasses();
      const training = get().training;
      const newRun = fresh || result.trainedSteps === 0;
      if (newRun) runToken++;
      set({
        ready: true,
        load: result,
        batch: null,
        training: newRun ? { ...idleTraining(), state: training.state === 'running' ? 'stopped' : 'idle' } : training,
        ...(newRun ? { liveSnapshot: null } : {}),
      });
      if (result.trainingStopped) editor.getState().notify(result.trainingStopped, 'warning');
      const points = result.dataset && result.plan?.inputFeatures === 2 ? await client.call((api) => api.datasetPoints()) : null;
      set({ points });
    };

    scheduleSync = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        syncing = syncing.then(sync).catch(notifyError);
      }, LOAD_DEBOUNCE_MS);
    };

    const run = async (busy: Exclude<Busy, null>, fn: () => Promise<void>) => {
      if (get().busy) return;
      set({ busy, error: null });
      try {
        await get().syncNow();
        await fn();
      } catch (e) {
        notifyError(e);
      } finally {
        set({ busy: null });
      }
    };

    const passLiveSnapshot = () => {
      if (liveTimer) clearTimeout(liveTimer);
      liveTimer = null;
      lastLive = performance.now();
      const snapshot = get().training.snapshot;
      if (snapshot !== get().liveSnapshot) set({ liveSnapshot: snapshot });
    };

    /** Shows progress held back during a gesture, unless its run is no longer the one on view. */
    const releaseTraining = () => {
      if (heldTimer) clearTimeout(heldTimer);
      heldTimer = null;
      const held = heldTraining;
      heldTraining = null;
      if (!held || held.token !== runToken) return;
      lastTrainingShown = performance.now();
      set({ training: held.view });
      if (lastTrainingShown - lastLive >= GESTURE_LIVE_FIGURES_MS) passLiveSnapshot();
    };

    const onProgress = (p: TrainProgress, token: number) => {
      // Messages of a run the view has already let go of (a stop winding down after an
      // edit or a reset) must not land on the curves of the next one.
      if (token !== runToken) return;
      const t = heldTraining?.token === token ? heldTraining.view : get().training;
      const curves = appendCurves(t.curves, p.points, p.gradNorms);
      const view: TrainingView = {
        state: p.state,
        step: p.step,
        epoch: p.epoch,
        curves,
        snapshot: p.snapshot ?? t.snapshot,
        boundary: p.boundary ?? t.boundary,
        end: p.end ?? t.end,
      };
      const now = performance.now();
      // During a drag or pan the panels follow once a second too; an end or a pause shows at once.
      const wait = GESTURE_LIVE_FIGURES_MS - (now - lastTrainingShown);
      if (gestureActive && p.state === 'running' && wait > 0) {
        heldTraining = { token, view };
        heldTimer ??= setTimeout(releaseTraining, wait);
        return;
      }
      heldTraining = null;
      if (heldTimer) clearTimeout(heldTimer);
      heldTimer = null;
      lastTrainingShown = now;
      set({ training: view });
      if (p.snapshot || p.state !== 'running') {
        const wait = (gestureActive ? GESTURE_LIVE_FIGURES_MS : LIVE_FIGURES_MS) - (now - lastLive);
        if (p.state !== 'running' || wait <= 0) passLiveSnapshot();
        else if (!liveTimer) liveTimer = setTimeout(passLiveSnapshot, wait);
      }
      if (p.state !== 'running' || (!gestureActive && now - lastWeightsSync > WEIGHTS_SYNC_MS)) {
        lastWeightsSync = now;
        void pullWeights().catch(() => undefined);
      }
      if (p.end) {
        const tone = p.end.reason === 'diverged' ? 'error' : p.end.reason === 'stopped' ? 'info' : 'success';
        const action = p.end.reason === 'diverged' ? { label: 'Reset weights', run: () => void get().resetWeights() } : undefined;
        editor.getState().notify(p.end.message, tone, action ? { action, sticky: true } : {});
        if (p.end.nodeId) editor.getState().focusElement({ nodeId: p.end.nodeId });
      }
    };

    return {
      ...initialRunData(),

      async syncNow() {
        if (timer) {
          clearTimeout(timer);
          timer = null;
          syncing = syncing.then(sync);
        }
        await syncing;
        const s = editor.getState();
        if (engineKey(s.doc) !== loadedKey || s.lineage !== loadedLineage) {
          syncing = syncing.then(sync);
          await syncing;
        }
      },

      runForward: () =>
        run('forward', async () => {
          const forward = await client.call((api) => api.forward());
          set({ forward, backward: null, steps: [], stepCursor: -1, batch: batchOf(forward) });
          void loadJacobians();
        }),

      runBackward: () =>
        run('backward', async () => {
          const backward = await client.call((api) => api.backward());
          set({ forward: backward.forward, backward, steps: [], stepCursor: -1, batch: batchOf(backward.forward) });
          void loadJacobians();
        }),

      async stepForward() {
        const { steps, stepCursor } = get();
        if (stepCursor < steps.length - 1) {
          set({ stepCursor: stepCursor + 1 });
          return;
        }
        // A click while the last step is still on its way is taken next, not lost.
        if (get().busy === 'step' && !get().playing) {
          queuedSteps++;
          return;
        }
        await run('step', async () => {
          const done = steps.length > 0 && steps[steps.length - 1].done;
          // A stepped pass on show starts at the first layer, even when an inspection ran a
          // whole forward pass in the worker since.
          const { report, status } = await serial(async () => {
            if (steps.length === 0 && !get().batch) await fetchBatch();
            if (steps.length === 0) await client.call((api) => api.stepReset());
            const report = await client.call((api) => api.stepNext());
            const status = await client.call((api) => api.stepStatus());
            return { report, status };
          });
          const history = done || report.label.startsWith('Forward 1/') ? [report] : [...get().steps, report];
          set({ steps: history, stepCursor: history.length - 1, stepTotal: status.total, forward: null, backward: null });
          if (report.phase === 'forward' && report.index === report.total) void loadJacobians();
        });
        if (get().steps[get().stepCursor]?.done) get().pausePlay();
        else if (queuedSteps > 0 && !get().playing) {
          queuedSteps--;
          await get().stepForward();
        }
      },

      stepBack() {
        const c = get().stepCursor;
        if (c > 0) set({ stepCursor: c - 1 });
      },

      async stepReset() {
        get().pausePlay();
        queuedSteps = 0;
        await run('step', async () => {
          const status = await client.call((api) => api.stepReset());
          set({ steps: [], stepCursor: -1, stepTotal: status.total });
        });
      },

      play(intervalMs) {
        get().pausePlay();
        set({ playing: true });
        const tick = () => {
          if (!get().playing || get().busy) return;
          void get().stepForward();
        };
        tick();
        playTimer = setInterval(tick, Math.max(30, intervalMs));
      },

      pausePlay() {
        if (playTimer) clearInterval(playTimer);
        playTimer = null;
        if (get().playing) set({ playing: false });
      },

      gesture(active) {
        if (active === gestureActive) return;
        gestureActive = active;
        void client.call((api) => api.setCourteous(active)).catch(() => undefined);
        // What was held back during the gesture catches up at once.
        if (!active) {
          releaseTraining();
          if (get().training.snapshot !== get().liveSnapshot) passLiveSnapshot();
        }
      },

      async toggleTraining() {
        const state = get().training.state;
        if (state === 'running') {
          await client.call((api) => api.pause());
          return;
        }
        if (state === 'paused') {
          await client.call((api) => api.resume());
          set({ training: { ...get().training, state: 'running' } });
          return;
        }
        try {
          await get().syncNow();
          clearPasses();
          set({ training: { ...get().training, state: 'running', end: null }, error: null });
          const token = runToken;
          // Progress travels on the proxy's own channel, so its last message (with the final
          // snapshot and boundary) may land after train() resolves: the view ends with it.
          let lastMessage!: () => void;
          const landed = new Promise<void>((r) => (lastMessage = r));
          const end = await client.call((api) =>
            api.train(
              Comlink.proxy((p: TrainProgress) => {
                onProgress(p, token);
                if (p.end) lastMessage();
              }),
            ),
          );
          await Promise.race([landed, new Promise((r) => setTimeout(r, 2000))]);
          if (end && token === runToken && get().training.state === 'running') set({ training: { ...get().training, state: end.reason === 'diverged' ? 'diverged' : end.reason === 'stopped' ? 'stopped' : 'finished' } });
        } catch (e) {
          heldTraining = null;
          set({ training: { ...get().training, state: 'idle' } });
          notifyError(e);
        }
      },

      stopTraining() {
        void client.call((api) => api.stop()).catch(notifyError);
      },

      resetWeights: () =>
        run('reset', async () => {
          await client.call((api) => api.resetWeights());
          clearPasses();
          runToken++;
          set({ training: idleTraining(), liveSnapshot: null });
          await pullWeights();
          editor.getState().notify('Weights drawn again from the seed.', 'info');
        }),

      runGradcheck: () =>
        run('gradcheck', async () => {
          const gradcheck = await client.call((api) => api.gradcheck());
          // Checking runs a whole forward pass in the worker when a stepped one is half-way.
          const steps = get().steps;
          const midForward = steps.length > 0 && !steps.some((r) => r.phase === 'backward') && steps[steps.length - 1].index < steps[steps.length - 1].total;
          set(midForward ? { gradcheck, steps: [], stepCursor: -1 } : { gradcheck });
        }),

      async setMode(mode) {
        await client.call((api) => api.setMode(mode));
        clearPasses();
        set({ mode });
      },

      async jacobian(nodeId, wrt) {
        await get().syncNow();
        return serial(() => {
          if (!forwardComplete(get())) throw new Error('The stepped pass is half-way through its forward phase; step on to its end to see Jacobians.');
          return client.call((api) => api.jacobian(nodeId, wrt));
        });
      },

      async tensor(nodeId, kind, maxSide) {
        await get().syncNow();
        // Half-way through a stepped forward pass, asking would run the rest of it at once.
        return serial(async () => (forwardComplete(get()) || get().steps.length === 0 ? client.call((api) => api.tensor(nodeId, kind, maxSide)) : null));
      },

      async exportOnnx() {
        await get().syncNow();
        return client.call((api) => api.exportOnnx());
      },

      async exportPyTorch(includeWeights) {
        await get().syncNow();
        return client.call((api) => api.exportPyTorch(includeWeights));
      },

      dispose() {
        unsubscribe();
        if (timer) clearTimeout(timer);
        if (liveTimer) clearTimeout(liveTimer);
        get().pausePlay();
      },
    };
  });

  // Every document change schedules a sync; the sync itself skips changes the engine
  // does not care about (moves, renames), so a drag costs one key comparison at its end.
  let lastDoc = editor.getState().doc;
  let lastLineage = editor.getState().lineage;
  const unsubscribe = editor.subscribe((s) => {
    if (s.doc === lastDoc && s.lineage === lastLineage) return;
    lastDoc = s.doc;
    lastLineage = s.lineage;
    scheduleSync();
  });
  void store.getState().syncNow().catch((e) => editor.getState().notify(message(e), 'error'));
  return store;
}
