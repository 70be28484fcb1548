/**
 * The Markdown a lesson's text may use, read into a small tree the screen renders as
 * elements (never as HTML): paragraphs, line breaks, bullet and numbered lists, **bold**,
 * *italic*, `code` and [links](https://…) to http(s) addresses. Anything else is text as
 * written; maths is written in plain Unicode (∂L/∂x = gᵀJ). Lesson text travels in share
 * links, so it is untrusted: the tree has no way to say "raw HTML".
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

const BULLET = /^\s{0,3}[-*•]\s+/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+/;

/** The blocks of `text`: runs of lines separated by blank lines; a run whose lines all start as list items is a list. */
export function parseLessonMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let run: string[] = [];
  const flush = () => {
    if (run.length) blocks.push(...readRun(run));
    run = [];
  };
  for (const line of lines) {
    if (line.trim() === '') flush();
    else run.push(line);
  }
  flush();
  return blocks;
}

/** A run of non-blank lines: list items (a line not starting an item continues the one before) or a paragraph. */
function readRun(lines: string[]): Block[] {
  const first = lines[0];
  const numbered = NUMBERED.exec(first);
  const ordered = !!numbered;
  const marker = ordered ? NUMBERED : BULLET;
  if (!ordered && !BULLET.test(first)) {
    return [{ kind: 'paragraph', children: parseInline(lines.map((l) => l.trim()).join('\n')) }];
  }
  const items: string[] = [];
  for (const line of lines) {
    if (marker.test(line)) items.push(line.replace(marker, ''));
    else items[items.length - 1] += `\n${line.trim()}`;
  }
  return [{ kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: items.map(parseInline) }];
}

/** Is `href` an address a lesson may link to: an absolute http or https URL. */
export function isAllowedHref(href: string): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The link targets `text` holds that a lesson may not use (not http or https). */
export function disallowedLinks(text: string): string[] {
  const bad: string[] = [];
  const walk = (inlines: Inline[]) => {
    for (const n of inlines) {
      if (n.kind === 'link' && !isAllowedHref(n.href)) bad.push(n.href);
      if ('children' in n) walk(n.children);
    }
  };
  for (const b of parseLessonMarkdown(text)) {
    if (b.kind === 'paragraph') walk(b.children);
    else b.items.forEach(walk);
  }
  return bad;
}

/** Inline markup of one block's text. Unclosed markers are kept as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const pushText = () => {
    if (buf) out.push({ kind: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()]/.test(text[i + 1])) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      pushText();
      out.push({ kind: 'break' });
      i++;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const end = findClose(text, c + c, i + 2);
      if (end > i + 2) {
        pushText();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] !== c && text[i + 1] !== ' ' && text[i + 1] !== undefined && !(c === '_' && /\w/.test(text[i - 1] ?? ''))) {
      const end = findClose(text, c, i + 1);
      if (end > i + 1 && text[end - 1] !== ' ') {
        pushText();
        out.push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const link = readLink(text, i);
      if (link) {
        pushText();
        out.push({ kind: 'link', href: link.href, children: parseInline(link.label) });
        i = link.end;
        continue;
      }
    }
    buf += c;
    i++;
  }
  pushText();
  return out;
}

/** Where `marker` closes, skipping code spans and escapes; −1 when it never does on this block. */
function findClose(text: string, marker: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '`') {
      const end = text.indexOf('`', j + 1);
      if (end > 0) j = end;
      continue;
    }
    if (!text.startsWith(marker, j)) continue;
    // A single marker does not close on a double one (`*a **b** c*`): the double is skipped whole.
    if (marker.length === 2 || text[j + 1] !== marker) return j;
    j++;
  }
  return -1;
}

/** `[label](href)` at `at`: the label may hold markup, the target no spaces or parentheses. */
function readLink(text: string, at: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let j = at;
  for (; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '[') depth++;
    else if (text[j] === ']' && --depth === 0) break;
    else if (text[j] === '\n') return null;
  }
  if (j >= text.length || text[j + 1] !== '(') return null;
  // The target may hold balanced parentheses, as Wikipedia's addresses do.
  let close = -1;
  for (let k = j + 2, open = 0; k < text.length && text[k] !== '\n'; k++) {
    if (text[k] === '(') open++;
    else if (text[k] === ')' && open-- === 0) {
      close = k;
      break;
    }
  }
  if (close < 0) return null;
  const href = text.slice(j + 2, close).trim();
  if (!href || /\s/.test(href)) return null;
  return { label: text.slice(at + 1, j), href, end: close + 1 };
}
