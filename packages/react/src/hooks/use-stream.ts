'use client';
import {
  isRunning,
  type StartStreamOptions,
  type StreamRun,
  type StreamSnapshot,
  startStream,
} from '@tokenpaint/core';
import type { PacingOptions } from '@tokenpaint/core/view';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useReportRun } from '../metrics/use-report-run.ts';
import { useRequestKey } from './request-key.ts';
import { useRunView } from './run-views.ts';
import { useViewSelector } from './use-view-selector.ts';

/** Where the stream comes from: a request to start and own, or a run created elsewhere. */
export type StreamSource =
  | (StartStreamOptions & { readonly run?: undefined })
  | { readonly run: StreamRun; readonly url?: undefined };

/** Options of {@link useStream}. */
export type UseStreamOptions = StreamSource & {
  /** Smooth bursty text: `true` for the defaults, or the knobs (see `PacingOptions`). Default off. */
  readonly pacing?: PacingOptions | boolean;
  /** With a `url`: `false` holds the request back (the snapshot stays `connecting`). Default true. */
  readonly enabled?: boolean;
};

/** What {@link useStream} returns. */
export interface UseStreamResult {
  /** The run as displayed: committed at most once per frame, text paced when `pacing` is on. */
  readonly snapshot: StreamSnapshot;
  /** The run, once started (`null` during the first render of an owned request, and on the server). */
  readonly run: StreamRun | null;
  /** Stops the run, keeping what was received (and shows it all at once if pacing still held some back). */
  abort(): void;
  /** Starts the request again after `error`, `aborted` or `done`; does nothing while `canRetry` is false. */
  retry(): void;
  /**
   * A retry would start the request again: the run ended, and an owned request is
   * still `enabled` (disabling one mid-run stops it and keeps its text, but a
   * retry must not send what the app has just held back).
   */
  readonly canRetry: boolean;
  /**
   * `enabled: false` is holding an owned request back and nothing has been sent:
   * `snapshot` reads `connecting` (what will happen once enabled), but nothing is
   * connecting yet, so a UI should show an idle message (no timer, no Stop).
   */
  readonly held: boolean;
}

const select = (snapshot: StreamSnapshot): StreamSnapshot => snapshot;

/**
 * Streams a response into React: starts the request (or follows `run`),
 * commits the first token at once and then at most once per animation frame,
 * and aborts an owned request on unmount or when the request changes.
 *
 * @example
 * const { snapshot, abort } = useStream({ url: '/api/chat', body: { messages }, pacing: true });
 */
export function useStream(options: UseStreamOptions): UseStreamResult {
  const external = options.run;
  const enabled = options.enabled ?? true;
  const key = useRequestKey(options, external === undefined);
  const latest = useRef(options);
  const [owned, setOwned] = useState<{ key: number; run: StreamRun } | null>(null);

  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    if (key === null || !enabled) return;
    let cancelled = false;
    let started: StreamRun | undefined;
    // Started a microtask later: React StrictMode mounts, unmounts and remounts in one
    // task, so the first mount is cancelled before it sends anything (one request, not two).
    queueMicrotask(() => {
      if (cancelled) return;
      const { pacing: _pacing, enabled: _enabled, run: _run, ...request } = latest.current;
      started = startStream(request as StartStreamOptions);
      setOwned({ key, run: started });
    });
    return () => {
      cancelled = true;
      started?.abort();
    };
  }, [key, enabled]);

  const run = external ?? (owned && owned.key === key ? owned.run : null);
  const protocol = external ? undefined : options.protocol;
  const view = useRunView(run, options.pacing ?? false, protocol);
  const snapshot = useViewSelector(view, select);
  // Inside a <TokenpaintProvider>, each finished answer is reported.
  useReportRun(run);

  const canRetry = run !== null && !isRunning(snapshot.status) && (external !== undefined || enabled);
  const abort = useCallback(() => {
    run?.abort();
    view.showAll?.(); // a finished answer still being revealed: Stop shows the rest
  }, [run, view]);
  const retry = useCallback(() => {
    if (canRetry) run?.retry();
  }, [run, canRetry]);
  const held = external === undefined && !enabled && run === null;
  return {
    snapshot,
    run,
    abort,
    retry,
    canRetry,
    held,
  };
}
