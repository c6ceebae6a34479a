/**
 * What each connection event of the transport does to a run's state, apart from
 * the bytes themselves: the honest states around the stream (waiting, stalled,
 * retrying, and back). Kept out of `startStream`'s loop so every transition is a
 * plain function call, tested without fetch, timers or a server.
 */
import type { TransportEvent } from '../sse/types.ts';
import type { RunState } from './run-state.ts';
import { parseServerTiming } from './server-timing.ts';
import type { StreamStatus } from './types.ts';

/** What the run remembers between connection events. */
export interface ConnectionMemory {
  /** The status before a retry or resume, restored once the new connection answers. */
  interrupted: StreamStatus | undefined;
  /** The status before a stall, restored if bytes come after all (it may be `retrying`). */
  stalledFrom: StreamStatus | undefined;
}

/** A fresh memory, for a new generation. */
export function createConnectionMemory(): ConnectionMemory {
  return { interrupted: undefined, stalledFrom: undefined };
}

/** The connection events this function handles; `messages` and `text` carry content and go to the adapter. */
export type ConnectionEvent = Exclude<TransportEvent, { type: 'messages' } | { type: 'text' }>;

/** Applies `event` to `state`. `now` reads the run's clock (a retry's countdown is measured from it). */
export function applyTransportEvent(
  state: RunState,
  memory: ConnectionMemory,
  event: ConnectionEvent,
  now: () => number,
): void {
  switch (event.type) {
    case 'open':
      state.mark('responseHeaders');
      state.setServerTiming(parseServerTiming(event.response.headers.get('server-timing')));
      state.setRetry(undefined);
      // A reconnect after output resumes the interrupted state; a first answer waits for its first token.
      state.setStatus(state.hasContent ? (memory.interrupted ?? 'streaming') : 'waiting');
      memory.interrupted = undefined;
      return;
    case 'first-byte':
      state.mark('firstByte');
      return;
    case 'stalled':
      memory.stalledFrom = state.status;
      state.setStatus('stalled');
      return;
    case 'unstalled':
      state.setStatus(memory.stalledFrom ?? 'streaming');
      memory.stalledFrom = undefined;
      return;
    case 'retrying':
      memory.interrupted ??= state.status === 'stalled' ? memory.stalledFrom : state.status;
      memory.stalledFrom = undefined;
      state.countReconnect(event.kind);
      state.setRetry({
        attempt: event.attempt,
        nextAttemptAt: now() + event.delayMs,
        reason: event.error.message,
      });
      state.setStatus('retrying');
      return;
  }
}
