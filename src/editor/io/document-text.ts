import { parseModelDocument, serializeModelDocument, type DocumentProblem, type ParseResult, type ModelDocument } from '../../model';

export type { DocumentProblem, ParseResult };

/** Reads a model document from text; every problem is listed with its JSON path. */
export function parseDocumentText(text: string): ParseResult {
  return parseModelDocument(text);
}

/** The document as the text the app saves, exports and shares (the canonical writer's). */
export function serializeDocument(doc: ModelDocument): string {
  return serializeModelDocument(doc);
}
