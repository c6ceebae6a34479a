/**
 * The view shown before an owned run exists: the first render (and the server
 * render) of a component that will start a request in an effect. It says
 * `connecting`, which is what the user is about to see, so the skeleton and status
 * line render from the first paint and hydrate without a mismatch.
 */

import type { StreamProtocol } from '../protocols/adapter.ts';
import type { StreamSnapshot } from '../run/types.ts';
import type { RunView } from './run-view.ts';

const views = new Map<StreamProtocol, RunView>();

/** A snapshot of a run that has not started (`timing.requestStart` is 0: nothing was requested yet). */
export function idleSnapshot(protocol: StreamProtocol = 'auto'): StreamSnapshot {
  return idleView(protocol).getSnapshot();
}

/** A constant view in `connecting` state, one per protocol so its identity is stable. */
export function idleView(protocol: StreamProtocol = 'auto'): RunView {
  let view = views.get(protocol);
  if (!view) {
    const state: StreamSnapshot = Object.freeze({
      status: 'connecting' as const,
      generation: 0,
      protocol,
      text: '',
      reasoning: '',
      toolCalls: [],
      timing: Object.freeze({ requestStart: 0, tokenArrivals: [], tokenCount: 0 }),
    });
    view = { subscribe: () => () => {}, getSnapshot: () => state };
    views.set(protocol, view);
  }
  return view;
}
