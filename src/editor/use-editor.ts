import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './store/editor-store';

const EditorStoreContext = createContext<EditorStore | null>(null);

/** Makes `store` the editor store of everything inside. */
export function EditorProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return createElement(EditorStoreContext.Provider, { value: store }, children);
}

/** The editor store itself (for actions and reads inside event handlers). */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore must be used inside <EditorProvider>');
  return store;
}

/** Subscribes to a slice of the editor state; re-renders only when the slice changes (Object.is). */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
