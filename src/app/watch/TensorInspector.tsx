import { useEffect, useState } from 'react';
import { useShallow } from '../../editor/use-shallow';
import { decodeFloat32, isLossKind, layerKind, nodeKind, type NodeType } from '../../model';
import { summarize, tensorView, type TensorKind, type TensorSummary, type TensorView } from '../../runtime';
import type { RunState } from '../../editor/run/run-data';
import { useOptionalRunStore, useRun, useRunStore } from '../../editor/run/use-run';
import { forwardComplete, nodeBackward, nodeOutput } from '../../editor/run/views';
import { useEditor } from '../../editor/use-editor';
import { Histogram, TensorHeatmap, formatPercent } from '../../viz';
import { useThrottledRun } from './use-throttled-run';

/** Full resolution up to this many cells per side. */
const MAX_SIDE = 256;
const LIVE_MS = 500;

const TITLES: Record<TensorKind, string> = {
  w: 'Weights W',
  b: 'Bias b',
  output: 'Activations (output)',
  dOut: '∂L/∂output',
  dIn: '∂L/∂input',
  dw: '∂L/∂W',
  db: '∂L/∂b',
};

const AXES: Partial<Record<TensorKind, { row: string; col: string }>> = {
  w: { row: 'output unit', col: 'input feature' },
  dw: { row: 'output unit', col: 'input feature' },
  b: { row: 'row', col: 'output unit' },
  db: { row: 'row', col: 'output unit' },
};

/** The tensors worth showing for a kind of node. */
export function inspectedKinds(type: NodeType): TensorKind[] {
  const kind = layerKind(type);
  if (!kind) return ['output'];
  if (isLossKind(kind)) return ['dIn'];
  const weights = kind.weights.map((w) => w.name as TensorKind);
  return [...weights, 'output', ...weights.map((w) => `d${w}` as TensorKind), 'dIn'];
}

/** Units (columns) with no positive value on the whole batch: ReLUs that pass no gradient. */
export function deadUnits(v: Pick<TensorView, 'rows' | 'cols' | 'data' | 'rowStep' | 'colStep'>): { dead: number; units: number } | null {
  if (v.rowStep !== 1 || v.colStep !== 1) return null;
  let dead = 0;
  for (let c = 0; c < v.cols; c++) {
    let alive = false;
    for (let r = 0; r < v.rows && !alive; r++) alive = v.data[r * v.cols + c] > 0;
    if (!alive) dead++;
  }
  return { dead, units: v.cols };
}

/** The exact summary the run reports hold for a tensor, when they have one. */
function reportSummary(s: RunState, nodeId: string, kind: TensorKind): TensorSummary | null {
  if (kind === 'output') return nodeOutput(s, nodeId);
  const b = nodeBackward(s, nodeId);
  if (!b) return null;
  if (kind === 'dIn') return b.dIn;
  if (kind === 'dOut') return b.dOut;
  const p = b.params.find((q) => q.name === kind.replace(/^d/, ''));
  if (!p) return null;
  return kind.startsWith('d') ? p.grad : p.value;
}

const GRADIENT_KINDS: ReadonlySet<TensorKind> = new Set(['dIn', 'dOut', 'dw', 'db']);

type Views = Partial<Record<TensorKind, TensorView | null>>;

/**
 * The selected node's tensors in the inspector: weights, biases, activations and gradients
 * as heatmaps (full resolution up to 256 per side; values on hover) with histograms, and the
 * share of dead ReLUs. Fetched from the worker after each pass or step; while training
 * runs, the activations follow the live snapshots and the weights the editor's copy (both
 * throttled).
 */
export function TensorInspector({ nodeId }: { nodeId: string }) {
  // The inspector also serves without an engine (editing only): then there is nothing to show.
  return useOptionalRunStore() ? <TensorInspectorBody nodeId={nodeId} /> : null;
}

function TensorInspectorBody({ nodeId }: { nodeId: string }) {
  const store = useRunStore();
  const type = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId)?.type);
  const inPlan = useRun((s) => !!s.load?.plan && (s.load.plan.inputNodeId === nodeId || s.load.plan.layers.some((l) => l.nodeId === nodeId)));
  const pass = useRun(useShallow((s) => ({ f: s.forward, b: s.backward, steps: s.steps, cursor: s.stepCursor, state: s.training.state, canFetch: forwardComplete(s) || s.steps.length === 0 })));
  const running = pass.state === 'running';
  const [views, setViews] = useState<Views>({});
  const [error, setError] = useState<string | null>(null);
  const kinds = type ? inspectedKinds(type) : [];
  const summaries = useRun(useShallow((s) => Object.fromEntries(kinds.map((k) => [k, reportSummary(s, nodeId, k)])) as Partial<Record<TensorKind, TensorSummary | null>>));
  // Gradients are asked for only once a backward pass reached this node (before, the worker has none, or older ones).
  const fetchKey = kinds.filter((k) => !GRADIENT_KINDS.has(k) || summaries[k]).join();

  useEffect(() => {
    if (!inPlan || running || !pass.canFetch || !fetchKey) return;
    let live = true;
    void (async () => {
      const next: Views = {};
      try {
        for (const k of fetchKey.split(',') as TensorKind[]) next[k] = await store.getState().tensor(nodeId, k, MAX_SIDE);
        if (live) {
          setViews(next);
          setError(null);
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [store, nodeId, fetchKey, inPlan, running, pass.canFetch, pass.f, pass.b, pass.steps, pass.cursor]);

  const liveOutput = useThrottledRun((s) => (s.training.state === 'running' ? (s.training.snapshot?.nodes[nodeId] ?? null) : null), LIVE_MS);
  const liveWeights = useEditor((s) => (running ? s.weights?.[nodeId] : undefined));

  if (!type || !inPlan) return null;
  const items = kinds.map((k) => {
    let tensor: TensorView | TensorSummary | null = views[k] ?? null;
    let summary: TensorSummary | null = summaries[k] ?? null;
    if (GRADIENT_KINDS.has(k) && !summary) tensor = null;
    // Half-way through a stepped forward pass: the step's own output, the weights as they were.
    if (!pass.canFetch && k === 'output') tensor = summary;
    if (running) {
      if (k === 'output') tensor = summary = liveOutput;
      else if ((k === 'w' || k === 'b') && liveWeights?.[k]) {
        tensor = storedView(liveWeights[k]);
        summary = null;
      } else tensor = null;
    }
    return { kind: k, tensor, summary };
  });
  const category = nodeKind(type).category;

  return (
    <section className="bp-inspector__section bp-tensors" aria-label="Tensors of this node" data-testid="tensor-inspector">
      <h3 className="bp-inspector__section-title">Tensors{running ? ' (live)' : ''}</h3>
      {error && <p className="bp-watch-error">{error}</p>}
      {items.every((i) => !i.tensor) && !error && (
        <p className="bp-empty">{running ? 'Waiting for the next snapshot…' : category === 'loss' ? 'Run Backward to see the gradient of the loss.' : 'Run Forward, Backward or Step to see the values.'}</p>
      )}
      {items.map(({ kind, tensor, summary }) => {
        if (!tensor) return null;
        const stats = summary ?? (isView(tensor) ? viewSummary(tensor) : tensor);
        const exact = !!summary || !isView(tensor) || (tensor.rowStep === 1 && tensor.colStep === 1);
        const dead = kind === 'output' && (type === 'ReLU' || type === 'LeakyReLU') && isView(tensor) ? deadUnits(tensor) : null;
        return (
          <div key={kind} className="bp-tensor" data-testid={`tensor-${kind}`}>
            <TensorHeatmap
              tensor={tensor}
              summary={summary ?? undefined}
              title={TITLES[kind]}
              rowName={AXES[kind]?.row ?? 'sample'}
              colName={AXES[kind]?.col ?? 'unit'}
              maxWidth={236}
              maxHeight={180}
            />
            <Histogram summary={stats} width={236} height={78} label={`${TITLES[kind]} of ${nodeId}${exact ? '' : ' (drawn cells)'}`} />
            {dead && (
              <p className="bp-tensor__dead" data-testid="dead-relus">
                <b>{formatPercent(dead.units ? dead.dead / dead.units : 0)}</b> dead: {dead.dead} of {dead.units} units output 0 for every sample of this batch.
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}

const storedViews = new WeakMap<object, TensorView | null>();

/** A stored (base64) tensor as a view, decoded once per stored object. */
function storedView(t: { shape: number[]; data: string }): TensorView | null {
  if (!storedViews.has(t)) {
    const d = decodeFloat32(t.data);
    storedViews.set(t, d instanceof Float32Array ? tensorView({ shape: t.shape, data: d }, MAX_SIDE) : null);
  }
  return storedViews.get(t) ?? null;
}

const viewSummaries = new WeakMap<TensorView, TensorSummary>();

/** Statistics of the drawn cells of a view (exact at full resolution), computed once per view. */
function viewSummary(v: TensorView): TensorSummary {
  let s = viewSummaries.get(v);
  if (!s) {
    s = summarize({ shape: [v.rows, v.cols], data: v.data });
    viewSummaries.set(v, s);
  }
  return s;
}

function isView(t: TensorView | TensorSummary): t is TensorView {
  return 'rowStep' in t;
}
