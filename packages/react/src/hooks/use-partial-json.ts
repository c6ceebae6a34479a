'use client';
/**
 * Live partial JSON in React, on the core's incremental parser (`createPartialJSON`):
 * each character is parsed once, and unchanged subtrees keep their identity, so
 * memoized children skip re-rendering.
 */
import { createPartialJSON, type PartialJSON, type PartialJSONOptions } from '@tokenpaint/core';
import { createSubscribable, getFrameLoop } from '@tokenpaint/core/view';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';

/**
 * Where the JSON text comes from: a string that grows between renders (a prop, a
 * snapshot field), or an async iterable / `ReadableStream` of deltas, which the hook
 * consumes itself. A string that does not extend the previous one starts a new document.
 */
export type PartialJSONSource = string | AsyncIterable<string> | ReadableStream<string> | null | undefined;

/** What {@link usePartialJSON} returns; the same object until something changes. */
export interface PartialJSONState<T = unknown> {
  /** The value so far (`undefined` until something may be shown). Structurally shared. */
  readonly value: T | undefined;
  /** A complete top-level value was read. */
  readonly done: boolean;
  /**
   * The syntax error that stopped the parser, a failure of the delta source, or
   * (delta source) the source ending before the document did; what parsed before
   * stays in `value`.
   */
  readonly error: Error | undefined;
}

const EMPTY: PartialJSONState<never> = Object.freeze({ value: undefined, done: false, error: undefined });

function read<T>(parser: PartialJSON, previous: PartialJSONState<T>, error?: Error): PartialJSONState<T> {
  const value = parser.value as T | undefined;
  const failure = error ?? parser.error;
  if (value === previous.value && parser.done === previous.done && failure === previous.error)
    return previous;
  return { value, done: parser.done, error: failure };
}

function push(parser: PartialJSON, delta: string): Error | undefined {
  try {
    parser.push(delta);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Parses JSON as it streams and returns its partial value.
 *
 * - String source: parsing happens during render, incrementally (only the new
 *   suffix is read), so it costs nothing beyond the render that delivered the string.
 * - Delta source: consumed in an effect; the first value commits at once, later
 *   ones at most once per animation frame; the iterable is returned (cancelled) on
 *   unmount or when the source changes.
 *
 * @example
 * const { value } = usePartialJSON<{ title?: string }>(snapshot.text);
 */
export function usePartialJSON<T = unknown>(
  source: PartialJSONSource,
  options?: PartialJSONOptions,
): PartialJSONState<T> {
  const allow = options?.allow;
  const textState = useRef<{
    parser: PartialJSON;
    text: string;
    state: PartialJSONState<T>;
    allow: unknown;
  } | null>(null);
  const streamed = useDeltaSource<T>(typeof source === 'string' ? null : source, allow);
  if (typeof source !== 'string') return streamed;

  let current = textState.current;
  if (!current || current.allow !== allow || !source.startsWith(current.text)) {
    current = {
      parser: createPartialJSON(allow === undefined ? {} : { allow }),
      text: '',
      state: EMPTY,
      allow,
    };
    textState.current = current;
  }
  if (source.length > current.text.length) {
    const error = push(current.parser, source.slice(current.text.length));
    current.text = source;
    current.state = read(current.parser, current.state, error);
  }
  return current.state;
}

const getEmpty = (): PartialJSONState<never> => EMPTY;

function useDeltaSource<T>(
  source: AsyncIterable<string> | ReadableStream<string> | null | undefined,
  allow: number | undefined,
): PartialJSONState<T> {
  const scheduler = useFrameScheduler();
  // Created once: a `subscribe` that changed identity each render would make React
  // unsubscribe and subscribe again on every render of the component.
  const [s] = useState(() => {
    const listeners = createSubscribable();
    return { state: EMPTY as PartialJSONState<T>, listeners, getState: () => s.state };
  });

  useEffect(() => {
    const setState = (next: PartialJSONState<T>): void => {
      if (next === s.state) return;
      s.state = next;
      s.listeners.notify();
    };
    setState(EMPTY);
    if (!source) return;
    const parser = createPartialJSON(allow === undefined ? {} : { allow });
    const loop = getFrameLoop(scheduler);
    let stopped = false;
    let failure: Error | undefined;
    const commit = (): void => {
      if (!stopped) setState(read(parser, s.state, failure));
    };
    let iterator: AsyncIterator<string> | undefined;
    // Started a microtask later, as `useStream` does: StrictMode mounts, unmounts and remounts in
    // one task, and reading the source in the first mount would consume it (a generator returned,
    // a stream cancelled and still locked) before the mount that stays.
    queueMicrotask(async () => {
      if (stopped) return;
      try {
        const deltas = toIterator(source);
        iterator = deltas;
        let step = await deltas.next();
        for (; !step.done && !stopped; step = await deltas.next()) {
          failure ??= push(parser, step.value);
          // The first value is shown at once; after that, once per frame.
          if (s.state === EMPTY || failure) commit();
          else loop.schedule(commit);
          if (failure) break;
        }
        // The source is over, so is the document: a top-level number is complete
        // (nothing more can extend it), and a truncated text is an error, not a
        // stream that looks as if it were still arriving.
        if (step.done && !stopped && !failure) parser.end();
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
      loop.cancel(commit);
      commit();
    });
    return () => {
      stopped = true;
      loop.cancel(commit);
      void iterator?.return?.()?.catch(() => {});
    };
  }, [source, allow, scheduler, s]);

  return useSyncExternalStore(s.listeners.subscribe, s.getState, getEmpty);
}

function toIterator(source: AsyncIterable<string> | ReadableStream<string>): AsyncIterator<string> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<string>)[Symbol.asyncIterator]();
  const reader = (source as ReadableStream<string>).getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<string>>,
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}
