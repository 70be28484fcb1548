import { describe, expect, it } from 'vitest';
import { isTextEntry, shortcutFor } from './shortcuts';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('maps the editor keys, with Ctrl or Cmd', () => {
    expect(shortcutFor(key('Delete'))).toBe('delete');
    expect(shortcutFor(key('Backspace'))).toBe('delete');
    expect(shortcutFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(key('z', { metaKey: true }))).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutFor(key('c', { metaKey: true }))).toBe('copy');
    expect(shortcutFor(key('v', { ctrlKey: true }))).toBe('paste');
    expect(shortcutFor(key('a', { ctrlKey: true }))).toBe('selectAll');
    expect(shortcutFor(key('s', { ctrlKey: true }))).toBe('save');
  });

  it('New and Tidy up take Alt too (Ctrl+N is the browser’s), by the physical key on a Mac', () => {
    expect(shortcutFor(key('n', { ctrlKey: true, altKey: true }))).toBe('new');
    expect(shortcutFor({ ...key('˜', { metaKey: true, altKey: true }), code: 'KeyN' })).toBe('new');
    expect(shortcutFor(key('l', { ctrlKey: true, altKey: true }))).toBe('tidy');
    expect(shortcutFor(key('n', { ctrlKey: true }))).toBeNull();
  });

  it('leaves other keys alone', () => {
    expect(shortcutFor(key('z'))).toBeNull();
    expect(shortcutFor(key('Delete', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(key('C', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('tells typing fields from buttons', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(isTextEntry(input)).toBe(true);
    expect(isTextEntry(document.createElement('textarea'))).toBe(true);
    expect(isTextEntry(checkbox)).toBe(false);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
