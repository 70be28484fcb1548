import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ScreenState, ScreenStore } from './screen-store';

const ScreenStoreContext = createContext<ScreenStore | null>(null);

/** Makes `store` the screen store (messages, dialogs, views, preferences) of everything inside. */
export function ScreenProvider({ store, children }: { store: ScreenStore; children: ReactNode }) {
  return createElement(ScreenStoreContext.Provider, { value: store }, children);
}

export function useScreenStore(): ScreenStore {
  const store = useContext(ScreenStoreContext);
  if (!store) throw new Error('useScreenStore must be used inside <ScreenProvider>');
  return store;
}

/** Subscribes to a slice of the screen state. */
export function useScreen<T>(selector: (s: ScreenState) => T): T {
  return useStore(useScreenStore(), selector);
}
