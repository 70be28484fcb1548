import { Dialog } from './Dialog';

/** Shown when the clipboard refuses the link: the link, selected, for copying by hand. */
export function ShareDialog({ url, withWeights, onClose }: { url: string; withWeights: boolean; onClose(): void }) {
  return (
    <Dialog
      title="Share link"
      description={`The browser did not let the page write to the clipboard. Copy the link below (${(url.length / 1024).toFixed(1)} KB, ${withWeights ? 'with' : 'without'} weights).`}
      onClose={onClose}
      footer={
        <button type="button" className="bp-button bp-button--primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <textarea className="bp-share-url" readOnly value={url} rows={4} aria-label="Link to this model" data-autofocus onFocus={(e) => e.currentTarget.select()} />
    </Dialog>
  );
}
