import { useEffect, useState } from 'react';
import { fetchExampleIndex, type ExampleEntry } from '../editor/io/examples';

/** The built-in examples' index, fetched once per component: the list (null while loading) or why it could not be read. */
export function useExampleIndex(): { examples: ExampleEntry[] | null; error: string | null } {
  const [examples, setExamples] = useState<ExampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchExampleIndex().then(
      (idx) => live && setExamples(idx.examples),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { examples, error };
}
