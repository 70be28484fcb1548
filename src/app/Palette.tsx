import { NODE_KINDS, type Category } from '../model';
import { startNodeDrag } from '../editor/flow/palette-drag';
import { useViewCentre } from '../editor/flow/use-view-centre';
import { useEditorStore } from '../editor/use-editor';
import { useControl } from '../editor/lesson';

const GROUPS: { title: string; categories: Category[] }[] = [
  { title: 'Data', categories: ['input'] },
  { title: 'Layers', categories: ['layer', 'regularization'] },
  { title: 'Activations', categories: ['activation'] },
  { title: 'Loss', categories: ['loss'] },
];

/**
 * Every node type as a button: click (or Enter) adds it after the selected node or in
 * the middle of the view; dragging it onto the canvas drops it where it lands.
 */
export function Palette() {
  const store = useEditorStore();
  const viewCentre = useViewCentre();
  const control = useControl('palette');
  if (control === 'hide') return null;
  const locked = control === 'lock';
  return (
    <nav className={`bp-palette${locked ? ' bp-palette--locked' : ''}`} aria-label="Node palette">
      <h2 className="bp-panel-title">Nodes</h2>
      {GROUPS.map((g) => (
        <section key={g.title} className="bp-palette__group" aria-label={g.title}>
          <h3 className="bp-palette__heading">{g.title}</h3>
          {NODE_KINDS.filter((k) => g.categories.includes(k.category)).map((spec) => {
            const t = spec.type;
            return (
              <button
                key={t}
                type="button"
                className={`bp-palette__item bp-cat--${spec.category}`}
                aria-label={spec.displayName}
                aria-describedby={`palette-desc-${t}`}
                title={`${spec.description} Click or press Enter to add; drag onto the canvas to place.`}
                draggable={!locked}
                disabled={locked}
                onDragStart={(e) => startNodeDrag(e.dataTransfer, t)}
                onClick={() => store.getState().addNodeFromPalette(t, viewCentre())}
              >
                <span className="bp-palette__glyph" aria-hidden="true" />
                <span className="bp-palette__text">
                  <span className="bp-palette__name">{spec.displayName}</span>
                  <span className="bp-palette__desc" id={`palette-desc-${t}`}>
                    {spec.description}
                  </span>
                </span>
              </button>
            );
          })}
        </section>
      ))}
      {locked && <p className="bp-locked-note">Locked by the lesson.</p>}
      <p className="bp-palette__hint">Drag from a node’s right dot to another’s left dot to connect them.</p>
    </nav>
  );
}
