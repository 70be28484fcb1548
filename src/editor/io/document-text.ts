import { parseModelDocument, type DocumentProblem, type ParseResult } from '../../model/parse';
import type { ModelDocument } from '../../model/schema';
import { serializeModelDocument } from '../../model/serialize';

export type { DocumentProblem, ParseResult };

/** Reads a model document from text; every problem is listed with its JSON path. */
export function parseDocumentText(text: string): ParseResult {
  return parseModelDocument(text);
}

/** The document as the text the app saves, exports and shares (the canonical writer's). */
export function serializeDocument(doc: ModelDocument): string {
  return serializeModelDocument(doc);
}
