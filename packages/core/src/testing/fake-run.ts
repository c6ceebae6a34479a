/**
 * A stream run driven by hand, implementing the core's `StreamRun` contract, so
 * the React layer is tested on every state transition without a network.
 */

import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import { isTerminal } from '../run/status.ts';
import type { StreamRun, StreamSnapshot, StreamStatus } from '../run/types.ts';

/** A {@link StreamRun} whose snapshots the test sets. */
export interface FakeRun extends StreamRun {
  /** Replaces fields of the snapshot (a new object) and notifies subscribers. */
  update(patch: Partial<StreamSnapshot>): void;
  /** Appends a text delta (status becomes `streaming`) and records its arrival time. */
  appendText(delta: string): void;
  /** Inserts or replaces the tool call with `call.id`. */
  setToolCall(call: ToolCallSnapshot): void;
  /** Moves to `status`; terminal states settle `done`. */
  setStatus(status: StreamStatus, patch?: Partial<StreamSnapshot>): void;
  /** Calls of `abort()` and `retry()`. */
  readonly calls: { abort: number; retry: number };
  /** Current subscribers. */
  readonly listenerCount: number;
}

/** Creates a fake run; `now` stamps token arrivals (share it with the fake frame clock). */
export function createFakeRun(
  options: { now?: () => number; initial?: Partial<StreamSnapshot> } = {},
): FakeRun {
  const now = options.now ?? (() => 0);
  const listeners = new Set<() => void>();
  const arrivals: number[] = [];
  let generation = 1;
  // A retry starts from nothing, as a real run's next generation does: `initial` shapes the first only.
  const fresh = (initial: Partial<StreamSnapshot> = {}): StreamSnapshot => ({
    status: 'connecting',
    protocol: 'text',
    text: '',
    reasoning: '',
    toolCalls: [],
    timing: { requestStart: now(), tokenArrivals: arrivals, tokenCount: 0 },
    ...initial,
    generation,
  });
  let snapshot = fresh(options.initial);
  let settle: (s: StreamSnapshot) => void = () => {};
  const pending = (): Promise<StreamSnapshot> =>
    new Promise((resolve) => {
      settle = resolve;
    });
  let done = pending();
  const calls = { abort: 0, retry: 0 };

  const update = (patch: Partial<StreamSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    if (isTerminal(snapshot.status)) settle(snapshot);
    for (const listener of [...listeners]) listener();
  };

  const run: FakeRun = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    get status() {
      return snapshot.status;
    },
    has(kind) {
      if (kind === 'text') return snapshot.text !== '';
      if (kind === 'reasoning') return snapshot.reasoning !== '';
      return snapshot.toolCalls.length > 0;
    },
    abort() {
      calls.abort++;
      if (!isTerminal(snapshot.status)) update({ status: 'aborted' });
    },
    retry() {
      calls.retry++;
      generation++;
      arrivals.length = 0;
      done = pending();
      snapshot = fresh({ protocol: snapshot.protocol });
      for (const listener of [...listeners]) listener();
    },
    get done() {
      return done;
    },
    update,
    appendText(delta) {
      const at = now();
      arrivals.push(at);
      update({
        status: 'streaming',
        text: snapshot.text + delta,
        timing: { ...snapshot.timing, tokenCount: arrivals.length, lastToken: at },
      });
    },
    setToolCall(call) {
      const list = snapshot.toolCalls.filter((c) => c.id !== call.id);
      const index = snapshot.toolCalls.findIndex((c) => c.id === call.id);
      if (index === -1) list.push(call);
      else list.splice(index, 0, call);
      update({ toolCalls: list });
    },
    setStatus(status, patch) {
      update({ ...patch, status });
    },
    calls,
    get listenerCount() {
      return listeners.size;
    },
  };
  return run;
}
