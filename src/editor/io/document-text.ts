import { parseModelDocument, type DocumentProblem, type ParseResult } from '../../model/parse';
import type { ModelDocument } from '../../model/schema';

export type { DocumentProblem, ParseResult };

/** Reads a model document from text; every problem is listed with its JSON path. */
export function parseDocumentText(text: string): ParseResult {
  return parseModelDocument(text);
}

/**
 * The document as the text the app saves, exports and shares: pretty-printed JSON with
 * the fields in schema order. The parser reads it back to an equal document.
 */
export function serializeDocument(doc: ModelDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
