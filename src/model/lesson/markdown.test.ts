import { describe, expect, it } from 'vitest';
import { disallowedLinks, isAllowedHref, parseInline, parseLessonMarkdown } from './markdown';

describe('lesson Markdown', () => {
  it('reads paragraphs, line breaks and lists', () => {
    expect(parseLessonMarkdown('One\ntwo\n\n- a\n- b\n  more\n\n3. x\n4. y')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'One' }, { kind: 'break' }, { kind: 'text', text: 'two' }] },
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }, { kind: 'break' }, { kind: 'text', text: 'more' }]] },
      { kind: 'list', ordered: true, start: 3, items: [[{ kind: 'text', text: 'x' }], [{ kind: 'text', text: 'y' }]] },
    ]);
  });

  it('reads bold, italic, code and links, nested', () => {
    expect(parseInline('**g·J** is *the [VJP](https://e.org/a_(b))* of `J`')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'g·J' }] },
      { kind: 'text', text: ' is ' },
      { kind: 'em', children: [{ kind: 'text', text: 'the ' }, { kind: 'link', href: 'https://e.org/a_(b)', children: [{ kind: 'text', text: 'VJP' }] }] },
      { kind: 'text', text: ' of ' },
      { kind: 'code', text: 'J' },
    ]);
  });

  it('keeps unclosed markers, escapes, snake_case and HTML as text', () => {
    expect(parseInline('a * b, 2*3, x_1_2, \\*no\\*, **open')).toEqual([{ kind: 'text', text: 'a * b, 2*3, x_1_2, *no*, **open' }]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(parseInline('`**not bold**`')).toEqual([{ kind: 'code', text: '**not bold**' }]);
  });

  it('allows links to http(s) addresses only', () => {
    expect(isAllowedHref('https://pytorch.org/docs')).toBe(true);
    expect(isAllowedHref('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '//evil.org', '/relative', 'https://', 'vbscript:x', ' https://x.org']) {
      expect(isAllowedHref(bad), bad).toBe(false);
    }
    expect(disallowedLinks('[a](https://ok.org) and [b](javascript:alert(1)) and - [c](data:x)')).toEqual(['javascript:alert(1)', 'data:x']);
    expect(disallowedLinks('- [a](mailto:x@y.z)')).toEqual(['mailto:x@y.z']);
  });

  it('never takes long on hostile text', () => {
    const hostile = '*'.repeat(2000) + '['.repeat(2000) + '`'.repeat(2000);
    const t0 = performance.now();
    parseLessonMarkdown(hostile);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
