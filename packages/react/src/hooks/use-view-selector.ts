'use client';
import type { StreamSnapshot } from '@tokenpaint/core';
import type { RunView } from '@tokenpaint/core/view';
/**
 * The one `useSyncExternalStore` call every hook goes through (the Zustand
 * binding): subscribe to a view, select from its current snapshot, and return the
 * previous selection when the new one is equal, so a component reading `status`
 * renders only when `status` changes. The same selector serves as the server
 * snapshot, which keeps SSR and hydration consistent.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';

/** Compares two selections; `Object.is` by default. */
export type EqualityFn<T> = (a: T, b: T) => boolean;

/** Subscribes to `view` and returns `select(view snapshot)`, re-rendering only when the selection changes. */
export function useViewSelector<T>(
  view: RunView,
  select: (snapshot: StreamSnapshot) => T,
  isEqual: EqualityFn<T> = Object.is,
): T {
  const memo = useRef<{ source: StreamSnapshot; select: unknown; value: T } | null>(null);
  const subscribe = useCallback((listener: () => void) => view.subscribe(listener), [view]);
  const getSelection = (): T => {
    const source = view.getSnapshot();
    const previous = memo.current;
    if (previous && previous.source === source && previous.select === select) return previous.value;
    const next = select(source);
    const value = previous && isEqual(previous.value, next) ? previous.value : next;
    memo.current = { source, select, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSelection, getSelection);
}
