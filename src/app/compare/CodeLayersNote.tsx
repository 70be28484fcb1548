import { nodeName } from '../../model';
import { useRun } from '../../editor/run/use-run';
import { useEditor } from '../../editor/use-editor';
import { useShallow } from '../../editor/use-shallow';

/**
 * What a comparison does with Custom layers: the estimators that need a JVP (forward mode,
 * the forward gradient) take the code's own jvp, or one derived from its forward by central
 * differences; code the user has not run yet cannot be compared at all, and this says so.
 */
export function CodeLayersNote() {
  const layers = useRun(useShallow((s) => (s.load?.plan?.layers ?? []).filter((l) => l.code !== undefined)));
  const problem = useRun((s) => s.load?.diagnostics.find((d) => d.severity === 'error' && d.field === 'code')?.message ?? null);
  const nodes = useEditor((s) => s.doc.nodes);
  const name = (id: string) => {
    const n = nodes.find((m) => m.id === id);
    return n ? nodeName(n) : id;
  };
  if (problem) {
    return (
      <p className="bp-compare__note bp-train-note--error" data-testid="compare-code-note">
        Cannot compare: {problem}
      </p>
    );
  }
  if (!layers.length) return null;
  return (
    <ul className="bp-compare__note bp-compare__code" data-testid="compare-code-note" aria-label="Custom layers in the comparison">
      {layers.map((l) => (
        <li key={l.nodeId}>
          {name(l.nodeId)}: backprop, finite differences and SPSA run its code as is; forward mode and the forward gradient use{' '}
          {l.codeJvp === 'code' ? 'its own jvp.' : 'a JVP derived from its forward by central differences in float64 (its code has no jvp): two passes of the layer per JVP, close to exact, so forward mode’s cosine sits a hair under 1.'}
        </li>
      ))}
    </ul>
  );
}
