import { useDeferredValue } from 'react';
import { useShallow } from '../editor/use-shallow';
import { checkParamValue, nodeKind, nodeName, type ParamSpec } from '../model';
import { formatParamCountExact, formatShape } from '../editor/format';
import { useEditor, useEditorStore } from '../editor/use-editor';
import { DiagnosticsList } from './DiagnosticsList';
import { CommitField } from './fields';
import { icons } from './icons';
import { TensorInspector } from './watch/TensorInspector';
import { CodeSection } from './custom/CodeSection';
import { useOptionalRun } from '../editor/run/use-run';

/**
 * The number in a parameter field, `undefined` for an empty field, or why the text is not
 * acceptable. Only an optional parameter (inferred, or with an engine default) may be left
 * empty here: clearing a field is not a way to pick a default the field does not show.
 */
export function parseParamText(spec: ParamSpec, text: string): { value: number | undefined } | { error: string } {
  const t = text.trim();
  let value: number | undefined;
  if (t === '' && !spec.optional) return { error: `${spec.label} is required` };
  if (t !== '') {
    value = Number(t);
    if (!Number.isFinite(value)) return { error: `${spec.label} must be a number, got “${t}”` };
  }
  const problem = checkParamValue(spec, value);
  return problem ? { error: problem } : { value };
}

const MAX_SEED = 2 ** 32 - 1;

function ParamField({ nodeId, spec, value, inferred }: { nodeId: string; spec: ParamSpec; value: number | undefined; inferred?: number }) {
  const store = useEditorStore();
  const placeholder =
    spec.name === 'in_features' ? (inferred !== undefined ? `${inferred} (inferred)` : 'inferred from the input') : spec.optional && spec.name === 'wstd' ? '0.1 (default)' : undefined;
  return (
    <CommitField
      label={spec.label}
      name={spec.name}
      value={value === undefined ? '' : String(value)}
      inputMode={spec.kind === 'integer' ? 'numeric' : 'decimal'}
      hint={spec.help}
      placeholder={placeholder}
      validate={(t) => {
        const r = parseParamText(spec, t);
        return 'error' in r ? r.error : null;
      }}
      commit={(t) => {
        const r = parseParamText(spec, t);
        if (!('error' in r)) store.getState().setParam(nodeId, spec.name, r.value);
      }}
    />
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const store = useEditorStore();
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId));
  const { shape, params, inferred } = useEditor(
    useShallow((s) => ({ shape: formatShape(s.analysis.nodeShapes[nodeId]), params: s.analysis.paramCounts[nodeId], inferred: s.pins.inFeatures[nodeId] })),
  );
  const diagnostics = useEditor((s) => s.pins.byNode[nodeId]);
  const graphHasErrors = useEditor((s) => s.analysis.diagnostics.some((d) => d.severity === 'error'));
  if (!node) return null;
  const spec = nodeKind(node.type);
  const values = node.params as Record<string, number | undefined>;
  return (
    <div className="bp-inspector__body" key={nodeId}>
      <div className={`bp-inspector__heading bp-cat--${spec.category}`}>
        <span className="bp-palette__glyph" aria-hidden="true" />
        <div>
          <h2 className="bp-inspector__title">{spec.displayName}</h2>
          <p className="bp-inspector__subtitle">{spec.description}</p>
        </div>
      </div>
      <dl className="bp-props">
        <dt>ID</dt>
        <dd>
          <code>{node.id}</code>
        </dd>
        <dt>Output</dt>
        <dd className={shape ? 'bp-mono' : undefined}>{shape ?? (graphHasErrors ? 'unknown until the problems are fixed' : 'unknown: not connected to the Input')}</dd>
        <dt>Trainable</dt>
        <dd>{params !== undefined ? formatParamCountExact(params) : '—'}</dd>
      </dl>
      <CommitField
        key={`${nodeId}-label`}
        label="Label"
        name="label"
        value={node.label ?? ''}
        maxLength={200}
        placeholder={nodeName({ ...node, label: undefined })}
        validate={(t) => (t.length > 200 ? 'A label is at most 200 characters' : null)}
        commit={(t) => store.getState().setLabel(nodeId, t)}
      />
      {spec.params.length > 0 && (
        <fieldset className="bp-inspector__params">
          <legend>Parameters</legend>
          {spec.params.map((p) => (
            <ParamField key={`${nodeId}-${p.name}`} nodeId={nodeId} spec={p} value={values[p.name]} inferred={p.name === 'in_features' ? inferred : undefined} />
          ))}
        </fieldset>
      )}
      {spec.code && <CodeSection nodeId={nodeId} />}
      <TensorInspector nodeId={nodeId} />
      <section className="bp-inspector__section" aria-label="Problems with this node">
        <h3 className="bp-inspector__section-title">Problems</h3>
        <DiagnosticsList diagnostics={diagnostics ?? []} empty="None." compact />
      </section>
      <button type="button" className="bp-button bp-button--danger-ghost" onClick={() => store.getState().deleteElements([nodeId], [])}>
        {icons.trash}
        <span>Delete node</span>
      </button>
    </div>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const store = useEditorStore();
  const edge = useEditor((s) => s.doc.edges.find((e) => e.id === edgeId));
  const ends = useEditor(
    useShallow((s) => {
      const e = s.doc.edges.find((x) => x.id === edgeId);
      const name = (id?: string) => {
        const n = s.doc.nodes.find((x) => x.id === id);
        return n ? nodeName(n) : `'${id}'`;
      };
      return { from: name(e?.source), to: name(e?.target), shape: formatShape(s.analysis.edgeShapes[edgeId]) };
    }),
  );
  const diagnostics = useEditor((s) => s.pins.byEdge[edgeId]);
  if (!edge) return null;
  return (
    <div className="bp-inspector__body">
      <div className="bp-inspector__heading">
        <div>
          <h2 className="bp-inspector__title">Connection</h2>
          <p className="bp-inspector__subtitle">
            {ends.from} → {ends.to}
          </p>
        </div>
      </div>
      <dl className="bp-props">
        <dt>ID</dt>
        <dd>
          <code>{edge.id}</code>
        </dd>
        <dt>Carries</dt>
        <dd className="bp-mono">{ends.shape ?? '—'}</dd>
      </dl>
      <section className="bp-inspector__section" aria-label="Problems with this connection">
        <h3 className="bp-inspector__section-title">Problems</h3>
        <DiagnosticsList diagnostics={diagnostics ?? []} empty="None." compact />
      </section>
      <button type="button" className="bp-button bp-button--danger-ghost" onClick={() => store.getState().deleteElements([], [edgeId])}>
        {icons.trash}
        <span>Delete connection</span>
      </button>
    </div>
  );
}

function ModelInspector() {
  const store = useEditorStore();
  const { name, seed, nodes, edges } = useEditor(useShallow((s) => ({ name: s.doc.name, seed: s.doc.seed, nodes: s.doc.nodes.length, edges: s.doc.edges.length })));
  const analysis = useEditor((s) => s.analysis);
  const dataFits = useOptionalRun((s) => !s.load?.plan || s.load.ok, true);
  const total = analysis.plan ? analysis.plan.totalParams : Object.values(analysis.paramCounts).reduce((a, b) => a + b, 0);
  return (
    <div className="bp-inspector__body">
      <div className="bp-inspector__heading">
        <div>
          <h2 className="bp-inspector__title">Model</h2>
          <p className="bp-inspector__subtitle">Select a node or a connection to edit it.</p>
        </div>
      </div>
      <CommitField
        label="Name"
        name="model-name"
        value={name}
        maxLength={200}
        validate={(t) => (t.trim() === '' ? 'The model needs a name' : t.length > 200 ? 'A name is at most 200 characters' : null)}
        commit={(t) => store.getState().setName(t.trim())}
      />
      <CommitField
        label="Seed"
        name="seed"
        value={String(seed)}
        inputMode="numeric"
        hint="Seeds the initial weights, dropout masks and data."
        validate={(t) => {
          const v = Number(t.trim());
          if (t.trim() === '' || !Number.isInteger(v) || v < 0 || v > MAX_SEED) return `Seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}`;
          return null;
        }}
        commit={(t) => store.getState().setSeed(Number(t.trim()))}
      />
      <dl className="bp-props">
        <dt>Trainable</dt>
        <dd>{formatParamCountExact(total)}</dd>
        <dt>Nodes</dt>
        <dd>{nodes}</dd>
        <dt>Connections</dt>
        <dd>{edges}</dd>
        <dt>Status</dt>
        <dd>{analysis.plan ? (dataFits ? (analysis.plan.lossNodeId ? 'Ready to train' : 'Ready to run forward') : 'The data does not fit the graph (see Messages)') : 'Has errors'}</dd>
      </dl>
      <section className="bp-inspector__section" aria-label="Problems in the model">
        <h3 className="bp-inspector__section-title">Problems</h3>
        <DiagnosticsList diagnostics={analysis.diagnostics} empty="No problems: the graph compiles." compact />
      </section>
    </div>
  );
}

/** The right-hand panel: the selected node or connection, several selected, or the model itself. */
export function Inspector() {
  const store = useEditorStore();
  // What it shows follows a new selection in the background: opening a node's inspector (its
  // fields, live tensors and figures) must not hold up the click, or a drag that starts with it.
  const selection = useDeferredValue(useEditor((s) => s.selection));
  const count = selection.nodes.length + selection.edges.length;
  let body;
  if (count === 0) body = <ModelInspector />;
  else if (selection.nodes.length === 1 && selection.edges.length === 0) body = <NodeInspector key={selection.nodes[0]} nodeId={selection.nodes[0]} />;
  else if (selection.edges.length === 1 && selection.nodes.length === 0) body = <EdgeInspector key={selection.edges[0]} edgeId={selection.edges[0]} />;
  else
    body = (
      <div className="bp-inspector__body">
        <div className="bp-inspector__heading">
          <div>
            <h2 className="bp-inspector__title">Selection</h2>
            <p className="bp-inspector__subtitle">
              {selection.nodes.length} {selection.nodes.length === 1 ? 'node' : 'nodes'}, {selection.edges.length}{' '}
              {selection.edges.length === 1 ? 'connection' : 'connections'}
            </p>
          </div>
        </div>
        <button type="button" className="bp-button bp-button--danger-ghost" onClick={() => store.getState().deleteSelection()}>
          {icons.trash}
          <span>Delete selection</span>
        </button>
      </div>
    );
  return (
    <aside className="bp-inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
