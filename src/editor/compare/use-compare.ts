import { useStore } from 'zustand';
import { useRunStore } from '../run/use-run';
import { compareStoreFor, type CompareState, type CompareStore } from './compare-store';

export function useCompareStore(): CompareStore {
  return compareStoreFor(useRunStore());
}

/** Subscribes to a slice of the comparison's state. */
export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(useCompareStore(), selector);
}
