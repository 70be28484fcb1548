import { describe, expect, it } from 'vitest';
import { CODE_TEMPLATES, DEFAULT_CODE, type ModelNode } from '../../model';
import { codeHash, CodeTrust, documentCode } from './code-trust';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

const node = (code?: string) => ({ id: 'c', type: 'Custom', params: {}, position: { x: 0, y: 0 }, ...(code === undefined ? {} : { code }) }) as ModelNode;

describe('CodeTrust', () => {
  it('trusts the shipped templates and nothing else until the user chooses', () => {
    const t = new CodeTrust(memory());
    for (const tpl of CODE_TEMPLATES) expect(t.isTrusted(tpl.code)).toBe(true);
    expect(t.allTrusted([node()])).toBe(true);
    expect(documentCode([node()])).toEqual([DEFAULT_CODE]);
    const hostile = 'export default class X extends Layer { forward(x) { for(;;); } backward(d) { return d; } }';
    expect(t.allTrusted([node(hostile)])).toBe(false);
    // A template with one character changed is new code.
    expect(t.isTrusted(DEFAULT_CODE + ' ')).toBe(false);
  });

  it('remembers the choice in storage, by hash, across instances', () => {
    const storage = memory();
    const code = 'export default class A extends Layer {}';
    new CodeTrust(storage).trust([code]);
    const again = new CodeTrust(storage);
    expect(again.isTrusted(code)).toBe(true);
    expect(JSON.parse(storage.getItem('backprop-studio:trusted-code')!)).toEqual([codeHash(code)]);
  });

  it('stops code for the session (an overrun) until it is trusted again, and tells listeners', () => {
    const t = new CodeTrust(memory());
    let calls = 0;
    t.subscribe(() => calls++);
    t.trust(['a']);
    t.stop(['a']);
    expect(t.isTrusted('a')).toBe(false);
    t.trust(['a']);
    expect(t.isTrusted('a')).toBe(true);
    expect(calls).toBe(3);
  });

  it('survives garbage in storage', () => {
    const storage = memory();
    storage.setItem('backprop-studio:trusted-code', '{"not": "a list"');
    expect(new CodeTrust(storage).isTrusted('x')).toBe(false);
  });
});
