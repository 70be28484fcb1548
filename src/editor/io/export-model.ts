import type { ModelDocument } from '../../model';
import { serializeDocument } from './document-text';
import { downloadFile, fileStem } from './download';

export type ExportKind = 'json' | 'json-weights' | 'pytorch' | 'onnx';

export const EXPORT_LABELS: Readonly<Record<ExportKind, string>> = {
  json: 'JSON',
  'json-weights': 'JSON with weights',
  pytorch: 'PyTorch',
  onnx: 'ONNX',
};

/** The file name each export gets. */
export function exportFileName(name: string, kind: ExportKind): string {
  const stem = fileStem(name);
  switch (kind) {
    case 'json':
      return `${stem}.json`;
    case 'json-weights':
      return `${stem}.weights.json`;
    case 'pytorch':
      return `${stem.replace(/-/g, '_')}.py`;
    case 'onnx':
      return `${stem}.onnx`;
  }
}

/** The JSON export: the architecture alone, or with the weights. */
export function documentJson(doc: ModelDocument, withWeights: boolean): string {
  if (withWeights) return serializeDocument(doc);
  const { weights: _w, ...rest } = doc;
  void _w;
  return serializeDocument(rest);
}

/** Downloads the document in the chosen format; resolves to the reason when it cannot. */
export async function exportDocument(
  doc: ModelDocument,
  kind: ExportKind,
): Promise<{ ok: true; fileName: string; note?: string } | { ok: false; reason: string }> {
  const fileName = exportFileName(doc.name, kind);
  if (kind === 'json') {
    downloadFile(fileName, documentJson(doc, false), 'application/json');
    return { ok: true, fileName };
  }
  if (kind === 'json-weights') {
    if (doc.weights) {
      downloadFile(fileName, documentJson(doc, true), 'application/json');
      return { ok: true, fileName };
    }
    // Not trained yet: write the initial weights the model starts from.
    const { withCompiledWeights } = await import('./compiled-export');
    const full = withCompiledWeights(doc);
    downloadFile(fileName, documentJson(full.ok ? full.doc : doc, true), 'application/json');
    return full.ok ? { ok: true, fileName } : { ok: true, fileName, note: `Saved without weights: ${full.reason}` };
  }
  const { exportCompiled } = await import('./compiled-export');
  const out = exportCompiled(doc, kind);
  if (!out.ok) return out;
  downloadFile(fileName, out.data as BlobPart, kind === 'pytorch' ? 'text/x-python' : 'application/octet-stream');
  return { ok: true, fileName };
}
