import { describe, expect, it } from 'vitest';
import { createToolCallAssembler } from '../json/tool-call-assembler.ts';
import { createManualClock } from '../sse/test-fetch.ts';
import {
  applyTransportEvent,
  type ConnectionEvent,
  createConnectionMemory,
} from './apply-transport-event.ts';
import { createRunState } from './run-state.ts';

function setup() {
  const clock = createManualClock();
  const state = createRunState(clock, 'openai-chat', createToolCallAssembler());
  const memory = createConnectionMemory();
  const apply = (event: ConnectionEvent): void => applyTransportEvent(state, memory, event, clock.now);
  return { clock, state, apply };
}

const open: ConnectionEvent = { type: 'open', response: new Response(''), format: 'sse', resumed: false };
const retrying = (attempt: number, delayMs = 1000): ConnectionEvent => ({
  type: 'retrying',
  attempt,
  delayMs,
  kind: 'retry',
  error: new Error('503'),
});

describe('applyTransportEvent', () => {
  it('waits after the headers of a first answer, and stamps the headers and first byte once', async () => {
    const { clock, state, apply } = setup();
    await clock.advance(120);
    apply(open);
    apply({ type: 'first-byte' });
    expect(state.snapshot()).toMatchObject({
      status: 'waiting',
      timing: { responseHeaders: 120, firstByte: 120 },
    });
    await clock.advance(50);
    apply(open); // a resumed connection re-opens: the first stamps stay
    expect(state.snapshot().timing.responseHeaders).toBe(120);
  });

  it('counts a retry down from now and clears it once the next connection answers', async () => {
    const { clock, state, apply } = setup();
    await clock.advance(1000);
    apply(retrying(1, 2000));
    expect(state.snapshot()).toMatchObject({
      status: 'retrying',
      retry: { attempt: 1, nextAttemptAt: 3000, reason: '503' },
    });
    apply(open);
    expect(state.snapshot().status).toBe('waiting');
    expect(state.snapshot().retry).toBeUndefined();
  });

  it('returns to what a stall interrupted, and a resume after output back to streaming', () => {
    const { state, apply } = setup();
    apply(open);
    state.apply({ type: 'text-delta', delta: 'Hel' });
    apply({ type: 'stalled', silentForMs: 10_000 });
    expect(state.snapshot().status).toBe('stalled');
    apply({ type: 'unstalled' });
    expect(state.snapshot().status).toBe('streaming');
    // Stalled, then given up and resumed: the status before the stall comes back, not `stalled`.
    apply({ type: 'stalled', silentForMs: 10_000 });
    apply(retrying(1));
    apply(open);
    expect(state.snapshot().status).toBe('streaming');
  });

  it('brings a tool that was running back after a resume, not plain streaming', () => {
    const { state, apply } = setup();
    apply(open);
    state.apply({ type: 'tool-call-start', id: 't1', name: 'search' });
    apply(retrying(1));
    apply(retrying(2)); // a second failure of the same streak keeps the first interrupted status
    apply(open);
    expect(state.snapshot().status).toBe('tool-running');
  });
});
