import { useEffect, useLayoutEffect, useRef } from 'react';

export type ShortcutCommand = 'delete' | 'undo' | 'redo' | 'copy' | 'paste' | 'selectAll' | 'save' | 'new' | 'tidy';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & { code?: string };

/** The editor command a key press asks for, or null. */
export function shortcutFor(e: KeyLike): ShortcutCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (!mod && !e.altKey && (e.key === 'Delete' || e.key === 'Backspace')) return 'delete';
  // Ctrl/Cmd+N belongs to the browser (a new window) and cannot be taken over: Alt joins it.
  // (With Alt, a Mac's key is the character Option makes: the physical key decides.)
  if (mod && e.altKey && !e.shiftKey && (key === 'n' || e.code === 'KeyN')) return 'new';
  if (mod && e.altKey && !e.shiftKey && (key === 'l' || e.code === 'KeyL')) return 'tidy';
  if (!mod || e.altKey) return null;
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  if (e.shiftKey) return null;
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 'a') return 'selectAll';
  if (key === 's') return 'save';
  return null;
}

/** True when typing goes into `el` (where the keys keep their text-editing meaning). */
export function isTextEntry(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
  return false;
}

/**
 * Runs editor shortcuts from anywhere on the page, except while typing in a field
 * (Ctrl/Cmd+S excepted) or inside a dialog, and leaves Ctrl/Cmd+C alone while text
 * is selected.
 */
export function useShortcuts(run: (cmd: ShortcutCommand) => void): void {
  const runRef = useRef(run);
  useLayoutEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const cmd = shortcutFor(e);
      if (!cmd) return;
      const target = e.target as Element | null;
      if (target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"], [role="menu"]')) return;
      if (cmd !== 'save' && isTextEntry(e.target)) return;
      if (cmd === 'copy' && (window.getSelection()?.toString() ?? '') !== '') return;
      e.preventDefault();
      runRef.current(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
