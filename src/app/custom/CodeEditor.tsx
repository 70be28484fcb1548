import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/** A problem to underline: 1-based line and column, as the engine reports them. */
export interface CodeMark {
  line: number;
  column: number | null;
  message: string;
  severity: 'error' | 'warning';
}

/** The document range a mark underlines: from its column to the end of the word there (the line when no column). */
export function markRange(doc: Text, mark: CodeMark): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(1, mark.line), doc.lines));
  if (mark.column === null) return { from: line.from + (line.text.length - line.text.trimStart().length), to: Math.max(line.to, line.from + 1) };
  const from = Math.min(line.from + Math.max(0, mark.column - 1), line.to);
  const rest = line.text.slice(from - line.from);
  const word = /^[\w$]+/.exec(rest)?.[0].length ?? 1;
  return { from, to: Math.min(from + word, Math.max(line.to, from + 1)) };
}

interface Props {
  /** The text the editor starts with (later changes come from typing, or `replace`). */
  initial: string;
  /** Set to put other text in (a template); compared by value. */
  replace?: { text: string; token: number };
  marks: readonly CodeMark[];
  onChange(text: string): void;
  label: string;
}

/**
 * CodeMirror 6 for a Custom layer's code: JavaScript/TypeScript highlighting, line numbers,
 * undo, Tab indents; the engine's problems underlined where it located them. Loaded only
 * with the code dialog, so CodeMirror is not in the app's first bundle.
 */
export function CodeEditor({ initial, replace, marks, onChange, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          javascript({ typescript: true }),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once; text changes come from typing or `replace`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || !replace || v.state.doc.toString() === replace.text) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: replace.text } });
  }, [replace]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const diagnostics: Diagnostic[] = marks.map((m) => ({ ...markRange(v.state.doc, m), severity: m.severity, message: m.message }));
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [marks]);

  return <div className="bp-code-editor" ref={host} />;
}
