/**
 * How every message quotes what a user wrote (ids, labels, field names, values): cut to
 * a bounded length with an ellipsis, control characters escaped, so a message stays a
 * sentence however long or strange the text it echoes.
 */

/** Characters of user text a message quotes by default. */
export const MAX_QUOTED_CHARS = 60;

/** User text cut to `max` UTF-16 units (never splitting a surrogate pair) with control characters escaped. */
export function clipText(s: string, max = MAX_QUOTED_CHARS): string {
  let cut = s;
  if (s.length > max) {
    let end = max - 1;
    // A pair cut in half would leave a lone surrogate in the message.
    if (end > 0 && /[\uD800-\uDBFF]/.test(s[end - 1])) end--;
    cut = `${s.slice(0, end)}…`;
  }
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** User text in single quotes, clipped: `'fc1'`, `'xxxxxxxx…'`. */
export function quoteText(s: string, max = MAX_QUOTED_CHARS): string {
  return `'${clipText(s, max)}'`;
}
