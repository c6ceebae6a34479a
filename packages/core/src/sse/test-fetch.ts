/**
 * Test doubles for the transport: responses built from exact byte chunks, a fetch
 * that serves a script of responses and records requests, and a manual clock.
 * (Excluded from the build by the `test-*.ts` rule.)
 */
import type { Clock } from './clock.ts';

const encoder = new TextEncoder();

/** A chunk written to the body, or a pause (ms on the given clock) before the next one, or a failure. */
export type BodyStep = string | Uint8Array | { readonly pauseMs: number } | { readonly fail: Error };

/** A streaming `Response` whose body yields exactly `steps`; `onCancel` sees reader cancellation. */
export function streamingResponse(
  steps: readonly BodyStep[],
  init: ResponseInit & { clock?: Clock; onCancel?: () => void } = {},
): Response {
  const { clock, onCancel, ...responseInit } = init;
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const step = steps[index++];
        if (step === undefined) {
          controller.close();
          return;
        }
        if (typeof step === 'string') return controller.enqueue(encoder.encode(step));
        if (step instanceof Uint8Array) return controller.enqueue(step);
        if ('fail' in step) return controller.error(step.fail);
        await new Promise<void>((resolve) => clock?.setTimeout(resolve, step.pauseMs));
      }
    },
    cancel() {
      onCancel?.();
    },
  });
  const headers = new Headers(responseInit.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'text/event-stream');
  return new Response(body, { ...responseInit, headers });
}

/** A `fetch` serving `script` in order (a Response, a thrown error, or a function of the request). */
export function scriptedFetch(
  script: readonly (Response | Error | ((request: Request) => Response | Promise<Response>))[],
): typeof fetch & { readonly requests: Request[] } {
  const requests: Request[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const next = script[requests.length - 1];
    if (next === undefined) throw new Error(`scriptedFetch: unexpected request #${requests.length}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  };
  return Object.assign(fake, { requests });
}

/** A clock whose time moves only through `advance`, firing due timers in order. */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** Advances until no timer is pending or `limitMs` passed (for "run to completion"). */
  runAll(limitMs?: number): Promise<void>;
  readonly pending: number;
}

/** Lets queued promise callbacks and stream pulls run (a macrotask turn). */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Creates a {@link ManualClock} starting at 0. */
export function createManualClock(): ManualClock {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const nextDue = (until: number): [number, { at: number; callback: () => void }] | undefined => {
    let best: [number, { at: number; callback: () => void }] | undefined;
    for (const entry of timers) if (entry[1].at <= until && (!best || entry[1].at < best[1].at)) best = entry;
    return best;
  };
  const clock: ManualClock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      await flush();
      for (let due = nextDue(until); due; due = nextDue(until)) {
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
        await flush();
      }
      now = until;
      await flush();
    },
    async runAll(limitMs = 600_000) {
      const end = now + limitMs;
      await flush();
      for (let due = nextDue(end); due; due = nextDue(end)) {
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
        await flush();
      }
    },
    get pending() {
      return timers.size;
    },
  };
  return clock;
}
