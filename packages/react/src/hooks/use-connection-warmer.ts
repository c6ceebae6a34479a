'use client';
import { type ConnectionWarmerOptions, createConnectionWarmer } from '@tokenpaint/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';

/** The options that decide which connection is warmed; functions and headers are read when the warmer is made. */
function warmerKey(options: ConnectionWarmerOptions): string {
  const { warmUp } = options;
  const request = typeof warmUp === 'string' || warmUp instanceof URL ? { url: warmUp } : warmUp;
  return JSON.stringify([
    String(options.url),
    request === undefined ? null : String(request.url),
    request?.method ?? null,
    options.idleMs ?? null,
    options.credentials ?? null,
  ]);
}

/**
 * Warms the connection to an answer endpoint on intent; returns `warm`, a stable
 * callback for the composer's `onFocus` and `onInput` (it acts at most once per
 * idle period). For apps that stream without `useConversation`, which returns the
 * same `warm`. Nothing happens at render: the hint and the warm-up are made on
 * the first intent, and removed (or aborted) on unmount.
 *
 * @throws {WarmUpConfigError} during render, when the warm-up names the answer endpoint or a method with a body.
 *
 * @example
 * const warm = useConnectionWarmer({ url: 'https://api.example.com/v1/chat' });
 * <textarea onFocus={warm} onInput={warm} />
 */
export function useConnectionWarmer(options: ConnectionWarmerOptions): () => void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const key = warmerKey(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the dependency; the rest is read through `latest`.
  const warmer = useMemo(
    () =>
      createConnectionWarmer({
        ...options,
        // Read at each warm-up, so an injected fetch may change without a new warmer.
        fetch: (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init),
      }),
    [key],
  );
  useEffect(() => () => warmer.dispose(), [warmer]);
  return useCallback(() => warmer.warm(), [warmer]);
}
