import { CONDITIONS, type BreakpointEntry, type ConditionKind, type ConditionModule } from '../../model';
import { conditionSetting, nodeEntries, paramError, paramText, parseParam, removeCondition, setCondition } from '../../editor/breakpoints/breakpoint-edits';
import { useScreenStore } from '../../editor/screen/use-screen';
import { useEditor, useEditorStore } from '../../editor/use-editor';
import { CommitField } from '../fields';
import { CONTINUE_PAST } from './BreakpointPause';

/**
 * The Breakpoints section: every condition, on or off, with its thresholds (model-wide),
 * and under a per-layer condition the layers given their own setting (from a node's
 * context menu), each removable. Stored in the document; each change one undo step.
 */
export function BreakpointSettings() {
  const list = useEditor((s) => s.doc.breakpoints);
  return (
    <section className="bp-train-section bp-breakpoints" aria-label="Breakpoints">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Breakpoints</h3>
      </header>
      <p className="bp-train-info">Training pauses when a condition begins to hold, the layer at fault selected on the canvas. {CONTINUE_PAST} Right-click a layer for its own.</p>
      <ul className="bp-breakpoints__list">
        {CONDITIONS.map((m) => (
          <ConditionRow key={m.kind} module={m} list={list} />
        ))}
      </ul>
    </section>
  );
}

function useEdit() {
  const store = useEditorStore();
  const screen = useScreenStore();
  return (change: (list: BreakpointEntry[] | undefined) => BreakpointEntry[]) => {
    try {
      store.getState().setBreakpoints(change(store.getState().doc.breakpoints));
    } catch (e) {
      screen.getState().notify(e instanceof Error ? e.message : String(e), 'error');
    }
  };
}

function ConditionRow({ module: m, list }: { module: ConditionModule; list: BreakpointEntry[] | undefined }) {
  const edit = useEdit();
  const setting = conditionSetting(list, m.kind);
  const scope = m.scope === 'layer' ? (m.kind === 'dead-units' ? 'every ReLU and LeakyReLU layer' : 'every layer with parameters') : null;
  return (
    <li className="bp-breakpoint" data-testid={`breakpoint-${m.kind}`} data-on={setting.on}>
      <label className="bp-breakpoint__toggle" title={m.help}>
        <input type="checkbox" checked={setting.on} onChange={(e) => edit((l) => setCondition(l, m.kind, undefined, { on: e.target.checked }))} />
        <span>{m.label}</span>
        {scope && <span className="bp-breakpoint__scope">{scope}</span>}
      </label>
      <p className="bp-breakpoint__help">{m.help}</p>
      {m.params.length > 0 && (
        <div className="bp-train-fields">
          {m.params.map((p) => (
            <ParamField key={p.name} kind={m.kind} node={undefined} param={p.name} module={m} value={setting.values[p.name]} />
          ))}
        </div>
      )}
      {m.scope === 'layer' && <NodeEntries module={m} list={list} />}
    </li>
  );
}

function NodeEntries({ module: m, list }: { module: ConditionModule; list: BreakpointEntry[] | undefined }) {
  const edit = useEdit();
  const nodes = useEditor((s) => s.doc.nodes);
  const entries = nodeEntries(list, m.kind);
  if (!entries.length) return null;
  return (
    <ul className="bp-breakpoint__nodes" aria-label={`${m.label}: layers set on their own`}>
      {entries.map((e) => {
        const node = e.node!;
        const present = nodes.some((n) => n.id === node);
        const setting = conditionSetting(list, m.kind, node);
        return (
          <li key={node} className="bp-breakpoint__node" data-testid={`breakpoint-${m.kind}-${node}`}>
            <label className="bp-breakpoint__toggle">
              <input type="checkbox" checked={setting.on} onChange={(ev) => edit((l) => setCondition(l, m.kind, node, { on: ev.target.checked }))} />
              <span className="bp-breakpoint__node-id">{node}</span>
              {!present && <span className="bp-breakpoint__scope">not in the graph</span>}
            </label>
            {m.params.map((p) => (
              <ParamField key={p.name} kind={m.kind} node={node} param={p.name} module={m} value={setting.values[p.name]} />
            ))}
            <button type="button" className="bp-button bp-button--ghost bp-button--small" aria-label={`Remove the ${m.label} breakpoint of ${node}`} title="Remove: the model-wide setting applies to this layer again" onClick={() => edit((l) => removeCondition(l, m.kind, node))}>
              ✕
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function ParamField({ kind, node, param, module: m, value }: { kind: ConditionKind; node: string | undefined; param: string; module: ConditionModule; value: number }) {
  const edit = useEdit();
  const p = m.params.find((q) => q.name === param)!;
  return (
    <CommitField
      label={node === undefined ? p.label : `${p.label}, ${node}`}
      name={`breakpoint-${kind}-${node ?? 'model'}-${param}`}
      value={paramText(p, value)}
      inputMode="decimal"
      validate={(t) => paramError(p, t)}
      commit={(t) => {
        const r = parseParam(p, t);
        if ('value' in r) edit((l) => setCondition(l, kind, node, { values: { [param]: r.value } }));
      }}
    />
  );
}
