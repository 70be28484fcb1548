import { Fragment, useMemo, type ReactNode } from 'react';
import { isAllowedHref, parseLessonMarkdown, type Inline } from '../../model';

/**
 * A step's text as elements, built from the Markdown tree: no HTML string is ever handed to
 * the page. Links go to http(s) addresses only (others show as their text) and open in a
 * new tab without giving it a handle on this one.
 */
export function LessonText({ text }: { text: string }) {
  const blocks = useMemo(() => parseLessonMarkdown(text), [text]);
  return (
    <div className="bp-lesson-text">
      {blocks.map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i}>{inlines(b.children)}</p>
        ) : b.ordered ? (
          <ol key={i} start={b.start}>
            {b.items.map((item, j) => (
              <li key={j}>{inlines(item)}</li>
            ))}
          </ol>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{inlines(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

function inlines(nodes: readonly Inline[]): ReactNode {
  return nodes.map((n, i) => <Fragment key={i}>{inline(n)}</Fragment>);
}

function inline(n: Inline): ReactNode {
  switch (n.kind) {
    case 'text':
      return n.text;
    case 'code':
      return <code>{n.text}</code>;
    case 'strong':
      return <strong>{inlines(n.children)}</strong>;
    case 'em':
      return <em>{inlines(n.children)}</em>;
    case 'break':
      return <br />;
    case 'link':
      return isAllowedHref(n.href) ? (
        <a href={n.href} target="_blank" rel="noopener noreferrer">
          {inlines(n.children)}
        </a>
      ) : (
        inlines(n.children)
      );
  }
}
