/// <reference lib="webworker" />
import { analyzeGraph, parseModelDocument } from '../src/model';

/**
 * Reads one untrusted document (an import, a share link) away from the page: parses and
 * checks it, and analyses its graph once, so a document that is costly to read costs this
 * worker's time, which the page can end. One text in, one answer out.
 */
self.addEventListener('message', (event: MessageEvent<string>) => {
  const t = performance.now();
  const result = parseModelDocument(event.data);
  if (result.ok) analyzeGraph(result.doc);
  self.postMessage({ result, ms: performance.now() - t });
});
