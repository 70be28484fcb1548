import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunState, RunStore } from './run-data';

const RunStoreContext = createContext<RunStore | null>(null);

/** Makes `store` the run store (the engine bridge) of everything inside. */
export function RunProvider({ store, children }: { store: RunStore; children: ReactNode }) {
  return createElement(RunStoreContext.Provider, { value: store }, children);
}

export function useRunStore(): RunStore {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('useRunStore must be used inside <RunProvider>');
  return store;
}

/** The run store, or null outside a RunProvider (views that are optional extras of a panel). */
export function useOptionalRunStore(): RunStore | null {
  return useContext(RunStoreContext);
}

const NO_RUN: StoreApi<RunState | null> = createStore<RunState | null>()(() => null);

/** A slice of the run state, or `fallback` outside a RunProvider. */
export function useOptionalRun<T>(selector: (s: RunState) => T, fallback: T): T {
  const store = useOptionalRunStore() as StoreApi<RunState | null> | null;
  return useStore(store ?? NO_RUN, (s) => (s ? selector(s) : fallback));
}

/** Subscribes to a slice of the run state. */
export function useRun<T>(selector: (s: RunState) => T): T {
  return useStore(useRunStore(), selector);
}
