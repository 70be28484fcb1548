import { useCallback, useEffect, useState } from 'react';
import { fetchExampleIndex, type ExampleEntry } from '../editor/io/examples';

/**
 * The built-in examples' index: the list (null while loading) or why it could not be read,
 * and `retry`, which fetches it again after a failure (the page keeps no failed index).
 */
export function useExampleIndex(): { examples: ExampleEntry[] | null; error: string | null; retry: () => void } {
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    fetchExampleIndex().then(
      (idx) => live && setExamples(idx.examples),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = useCallback(() => {
    if (error === null) return;
    setError(null);
    setAttempt((n) => n + 1);
  }, [error]);
  return { examples, error, retry };
}
