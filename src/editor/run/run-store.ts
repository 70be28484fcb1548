import * as Comlink from 'comlink';
import { createStore } from 'zustand/vanilla';
import { summarize, WorkerCrashedError, type DigitsProgress, type EngineClient, type ForwardReport, type GradcheckProgress, type GradcheckReport, type LiveReport, type LoadResult, type TensorSummary, type TrainProgress } from '../../runtime';
import { createScreenStore, focusElement, type ScreenState, type ScreenStore } from '../screen/screen-store';
import { currentDocument, type EditorStore } from '../store/editor-store';
import { Coalesced } from './coalesced';
import { DocumentSync } from './document-sync';
import { ProgressThrottle } from './progress-throttle';
import { idleTraining, initialRunData, type Busy, type RunState, type RunStore, type TrainingView } from './run-data';
import { SerialQueue, Stepper, withStep } from './stepper';
import { engineKey } from './sync-key';
import { codeTrust } from '../custom/code-trust';
import { engineQueries } from './engine-queries';
import { followRunInputs } from './run-inputs';
import { endNotice, endState, progressView } from './training-progress';
import { hitText, isNewHit } from './breakpoint-view';

export type { Busy, RunActions, RunData, RunState, RunStore, TrainingView } from './run-data';
export { initialRunData } from './run-data';
export { GESTURE_LIVE_FIGURES_MS, LIVE_FIGURES_MS } from './progress-throttle';

/** The batch comes whole (to be summarised exactly) up to this many values per side. */
const BATCH_SIDE = 1 << 14;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The bridge between the editor and the engine worker: it sends the document whenever
 * what the numbers depend on changes (see DocumentSync; a newly opened document replaces
 * the worker's weights, an edit keeps the trained ones), runs passes — in live mode one
 * after every such change — stepping (Stepper) and training (ProgressThrottle decides when
 * its progress shows), keeps their results for the views, and writes trained weights back
 * into the editor (for autosave and export). Messages go to the screen store.
 */
export function createRunStore(editor: EditorStore, client: EngineClient, screen: ScreenStore = createScreenStore()): RunStore {
  /** Identifies the training run the view shows; progress of any other is dropped. */
  let runToken = 0;
  const serial = new SerialQueue();
  let scheduleSync = (): void => undefined;

  const store = createStore<RunState>()((set, get) => {
    const notify = (...args: Parameters<ScreenState['notify']>) => screen.getState().notify(...args);
    const notifyError = (e: unknown) => {
      const text = message(e);
      set({ error: text });
      // A crash ends every call in flight; the client's restart (or its setting the document
      // aside) says so once, so the calls it cut short add no toast of their own.
      if (e instanceof WorkerCrashedError) return;
      notify(text, 'error');
    };

    /** Results of passes describe the model they ran on; an edit makes them stale. */
    const clearPasses = () =>
      set({ forward: null, backward: null, steps: [], stepCursor: -1, gradcheck: null, gradcheckProgress: null, playing: false, jacobians: {} });

    const batchOf = (f: ForwardReport): TensorSummary | null => {
      const id = get().load?.plan?.inputNodeId;
      return (id && f.nodes[id]) || null;
    };

    /**
     * The input Jacobians of every layer on the pass just completed (one call, one update).
     * Passes do not change the weights or the batch, so the set stays valid until
     * clearPasses (an edit, training, new weights, a mode switch).
     */
    const loadJacobians = () =>
      serial
        .run(async () => {
          const plan = get().load?.plan;
          if (!plan || Object.keys(get().jacobians).length) return;
          const jacobians = await client.call((api) => api.layerJacobians());
          if (get().load?.plan === plan) set({ jacobians });
        })
        .catch(() => undefined);

    /** The batch the Input feeds, for the first edge of a stepped pass (before one: it runs a forward pass). */
    const fetchBatch = async () => {
      const id = get().load?.plan?.inputNodeId;
      if (!id) return;
      const view = await client.call((api) => api.tensor(id, 'output', BATCH_SIDE));
      if (view && view.rowStep === 1 && view.colStep === 1) set({ batch: summarize({ shape: view.shape, data: view.data }) });
    };

    const pullWeights = async () => {
      const weights = await client.call((api) => api.getWeights());
      client.rememberWeights(weights);
      editor.getState().setWeights(weights);
    };

    /** Live mode's pass on the current batch, when nothing else is on show or under way. */
    const liveReady = () => {
      const s = get();
      return s.live && s.ready && !!s.load?.ok && s.training.state !== 'running' && s.busy === null && s.steps.length === 0 && !s.forward && sync.current;
    };
    const livePasses = new Coalesced(async () => {
      if (!liveReady()) return;
      const load = get().load;
      const live = await serial.run(() => client.call((api) => api.livePass() as Promise<LiveReport>));
      // An edit or a step that landed meanwhile wins.
      if (get().load !== load || !liveReady()) return;
      const forward = live.kind === 'backward' ? live.report.forward : live.report;
      set({ forward, backward: live.kind === 'backward' ? live.report : null, batch: batchOf(forward), passCount: get().passCount + 1 });
      void loadJacobians();
    });
    const runLive = () => livePasses.request();

    const load = async (fresh: boolean) => {
      const doc = currentDocument(editor.getState());
      const result: LoadResult = await client.load(doc, { weights: fresh ? 'document' : 'keep', runCode: codeTrust.allTrusted(doc.nodes) });
      clearPasses();
      if (result.plan) editor.getState().learnCodeParams(result.plan);
      const training = get().training;
      const newRun = fresh || result.trainedSteps === 0;
      if (newRun) runToken++;
      // A previous session's run stays on show until a run of this session replaces it.
      const keepPrevious = !!training.previous && !fresh;
      set({
        ready: true,
        load: result,
        batch: null,
        training: newRun && !keepPrevious ? { ...idleTraining(), state: training.state === 'running' ? 'stopped' : 'idle' } : training,
        ...(newRun && !keepPrevious ? { liveSnapshot: null } : {}),
      });
      if (result.trainingStopped) notify(result.trainingStopped, 'warning');
      void runLive();
      // The data views: the plane (2 features), or the line of a 1-D regression.
      const points = result.dataset && (result.plan?.inputFeatures === 2 || (result.plan?.inputFeatures === 1 && result.dataset.targetRange)) ? await client.call((api) => api.datasetPoints()) : null;
      set({ points });
      if (result.dataPending) void awaitData();
    };

    /** The engine is fetching the data (the digits): show the bytes as they come, then the load with them. */
    const awaitData = async () => {
      set({ dataProgress: { loaded: 0, total: null } });
      try {
        const result = await client.call((api) => api.awaitData(Comlink.proxy((p: DigitsProgress) => set({ dataProgress: p }))));
        if (result) {
          set({ load: result });
          void runLive();
        }
      } catch (e) {
        notifyError(e);
      } finally {
        set({ dataProgress: null });
      }
    };

    const sync = new DocumentSync({
      // Choosing to run a document's code (or its code being stopped) sends it again.
      key: () => `${engineKey(editor.getState().doc)}|${codeTrust.allTrusted(editor.getState().doc.nodes) ? 'run' : 'held'}`,
      lineage: () => editor.getState().lineage,
      load,
      onError: notifyError,
    });
    scheduleSync = () => sync.schedule();

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

    const throttle = new ProgressThrottle<TrainingView>({
      show: (view) => set({ training: view }),
      passLive: () => {
        const snapshot = get().training.snapshot;
        if (snapshot !== get().liveSnapshot) set({ liveSnapshot: snapshot });
      },
      pullWeights: () => void pullWeights().catch(() => undefined),
      isCurrent: (token) => token === runToken,
    });

    const onProgress = (p: TrainProgress, token: number) => {
      // Messages of a run the view has already let go of (a stop winding down after an
      // edit or a reset) must not land on the curves of the next one.
      if (token !== runToken) return;
      const t = throttle.heldView(token) ?? get().training;
      const view = progressView(t, p);
      throttle.offer(view, token, { running: p.state === 'running', snapshot: !!p.snapshot });
      if (isNewHit(view.breakpoint ?? null, t.breakpoint)) {
        notify(hitText(view.breakpoint!), 'warning');
        const { nodeId, edgeId } = view.breakpoint!;
        if (nodeId || edgeId) focusElement(editor, screen, nodeId ? { nodeId } : { edgeId });
      }
      if (p.end) {
        const { tone, offerReset } = endNotice(p.end);
        notify(p.end.message, tone, offerReset ? { action: { label: 'Reset weights', run: () => void get().resetWeights() }, sticky: true } : {});
        if (p.end.nodeId) focusElement(editor, screen, { nodeId: p.end.nodeId });
      }
    };

    const stepper = new Stepper({
      steps: () => get().steps,
      cursor: () => get().stepCursor,
      setCursor: (stepCursor) => set({ stepCursor }),
      stepping: () => get().busy !== null,
      setPlaying: (playing) => set({ playing }),
      takeStep: () =>
        run('step', async () => {
          const steps = get().steps;
          const fresh = steps.length === 0 || steps[steps.length - 1].done;
          // A stepped pass on show starts at the first layer, even when an inspection or a
          // live pass ran a whole forward pass in the worker since.
          const { report, status } = await serial.run(async () => {
            if (fresh && !get().batch) await fetchBatch();
            if (steps.length === 0) await client.call((api) => api.stepReset());
            const report = await client.call((api) => api.stepNext());
            const status = await client.call((api) => api.stepStatus());
            return { report, status };
          });
          const history = withStep(get().steps, report);
          set({ steps: history, stepCursor: history.length - 1, stepTotal: status.total, forward: null, backward: null });
          if (report.phase === 'forward' && report.index === report.total) void loadJacobians();
        }),
    });

    return {
      ...initialRunData(),
      live: screen.getState().live,
      speed: screen.getState().speed,

      syncNow: () => sync.now(),

      runForward: () =>
        run('forward', async () => {
          const forward = await serial.run(() => client.call((api) => api.forward()));
          set({ forward, backward: null, steps: [], stepCursor: -1, batch: batchOf(forward), passCount: get().passCount + 1 });
          void loadJacobians();
        }),

      runBackward: () =>
        run('backward', async () => {
          const backward = await serial.run(() => client.call((api) => api.backward()));
          set({ forward: backward.forward, backward, steps: [], stepCursor: -1, batch: batchOf(backward.forward), passCount: get().passCount + 1 });
          void loadJacobians();
        }),

      stepForward: () => stepper.forward(),
      stepBack: () => stepper.back(),

      async stepReset() {
        stepper.pause();
        stepper.clearQueue();
        await run('step', async () => {
          const status = await serial.run(() => client.call((api) => api.stepReset()));
          set({ steps: [], stepCursor: -1, stepTotal: status.total });
        });
        void runLive();
      },

      play: (intervalMs) => stepper.play(intervalMs),
      pausePlay: () => stepper.pause(),

      gesture(active) {
        if (!throttle.setGesture(active)) return;
        void client.call((api) => api.setCourteous(active)).catch(() => undefined);
      },

      async toggleTraining() {
        const state = get().training.state;
        if (state === 'running') {
          await client.call((api) => api.pause());
          return;
        }
        if (state === 'paused') {
          // Running before the call: a breakpoint may pause the run again before the call returns, and its message must win.
          set({ training: { ...get().training, state: 'running', breakpoint: null } });
          await client.call((api) => api.resume());
          return;
        }
        try {
          await get().syncNow();
          stepper.pause();
          clearPasses();
          const previous = get().training.previous;
          if (previous) {
            // This session's first run starts its own history.
            runToken++;
            set({ training: idleTraining(), liveSnapshot: null });
          }
          set({ training: { ...get().training, state: 'running', end: null }, error: null });
          const token = runToken;
          await client.call((api) => api.setSpeed(get().speed));
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
          if (end && token === runToken && get().training.state === 'running') set({ training: { ...get().training, state: endState(end) } });
        } catch (e) {
          // The run is over for the view: progress it sent before it died (still on its way
          // from a worker that crashed) must not mark it running again.
          runToken++;
          throttle.reset();
          set({ training: { ...get().training, state: 'idle' } });
          notifyError(e);
        }
      },

      async stepTraining() {
        if (get().training.state !== 'paused') return;
        set({ training: { ...get().training, state: 'running', breakpoint: null } });
        await client.call((api) => api.trainStep());
      },

      stopTraining() {
        void client.call((api) => api.stop()).catch(notifyError);
      },

      resetWeights: async () => {
        await run('reset', async () => {
          await client.call((api) => api.resetWeights());
          clearPasses();
          runToken++;
          set({ training: idleTraining(), liveSnapshot: null });
          await pullWeights();
          notify('Weights drawn again from the seed.', 'info');
        });
        void runLive();
      },

      runGradcheck: () =>
        run('gradcheck', async () => {
          const report: GradcheckReport | null = await serial.run(() =>
            client.call((api) => api.checkGradients(Comlink.proxy((p: GradcheckProgress) => set({ gradcheckProgress: p })))),
          );
          set({ gradcheckProgress: null });
          if (!report) {
            notify('Gradient check cancelled.', 'info');
            return;
          }
          // Checking runs a whole forward pass in the worker when a stepped one is half-way.
          const steps = get().steps;
          const midForward = steps.length > 0 && !steps.some((r) => r.phase === 'backward') && steps[steps.length - 1].index < steps[steps.length - 1].total;
          set(midForward ? { gradcheck: report, steps: [], stepCursor: -1 } : { gradcheck: report });
        }),

      cancelGradcheck() {
        void client.call((api) => api.cancelGradcheck()).catch(() => undefined);
      },

      async setMode(mode) {
        await client.call((api) => api.setMode(mode));
        clearPasses();
        set({ mode });
        void runLive();
      },

      async engineRestarted() {
        stepper.pause();
        stepper.clearQueue();
        clearPasses();
        // A new worker starts in training mode; evaluation mode is the user's choice and stays.
        if (get().mode !== 'train') await client.call((api) => api.setMode(get().mode)).catch(() => undefined);
        void runLive();
      },

      setLive(on) {
        if (on === get().live) return;
        set({ live: on });
        if (on) void runLive();
      },

      setSpeed(speed) {
        set({ speed });
        void client.call((api) => api.setSpeed(speed)).catch(notifyError);
      },

      async restoreTraining(view) {
        // After the document's own load, which starts with a clean slate.
        await get().syncNow().catch(() => undefined);
        const t = get().training;
        if (t.state !== 'idle' || t.step > 0) return;
        runToken++;
        set({ training: view, liveSnapshot: view.snapshot });
      },

      ...engineQueries(client, serial, get, notifyError),

      dispose() {
        unfollow();
        sync.dispose();
        throttle.dispose();
        stepper.pause();
      },
    };
  });

  const unfollow = followRunInputs(store, editor, screen, () => scheduleSync());
  void store.getState().syncNow().catch((e) => screen.getState().notify(message(e), 'error'));
  return store;
}
