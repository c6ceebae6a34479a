import { describe, expect, it } from 'vitest';
import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import { createManualClock } from '../sse/test-fetch.ts';
import { createRunState, type ToolCallTracker } from './run-state.ts';

function countingTracker(): ToolCallTracker & { reads: number } {
  const calls: readonly ToolCallSnapshot[] = [];
  const tracker = {
    reads: 0,
    push() {},
    keepFirst() {},
    get calls() {
      tracker.reads++;
      return calls;
    },
  };
  return tracker;
}

describe('createRunState', () => {
  it("keeps the response id and model from the adapters' meta parts, and its generation", () => {
    const state = createRunState(createManualClock(), 'openai-chat', countingTracker(), 3);
    state.apply({ type: 'meta', key: 'id', value: 'chatcmpl-123' });
    state.apply({ type: 'meta', key: 'model', value: 'gpt-4o-mini' });
    const first = state.snapshot();
    expect(first).toMatchObject({ generation: 3, responseId: 'chatcmpl-123', model: 'gpt-4o-mini' });
    // Repeated (OpenAI repeats both in every chunk) or unknown meta changes nothing.
    state.apply({ type: 'meta', key: 'id', value: 'chatcmpl-123' });
    state.apply({ type: 'meta', key: 'system_fingerprint', value: 'fp_1' });
    expect(state.snapshot()).toBe(first);
  });

  it('builds one snapshot for many parts, only when read, and reuses it until a change', () => {
    const clock = createManualClock();
    const tools = countingTracker();
    const state = createRunState(clock, 'openai-chat', tools);
    for (let i = 0; i < 1000; i++) state.apply({ type: 'text-delta', delta: 'x' });
    expect(tools.reads).toBe(0);
    const a = state.snapshot();
    expect(tools.reads).toBe(1);
    expect(state.snapshot()).toBe(a);
    expect(a.text).toHaveLength(1000);
    expect(a.timing.tokenArrivals).toHaveLength(1000);
    state.apply({ type: 'text-delta', delta: 'y' });
    const b = state.snapshot();
    expect(b).not.toBe(a);
    expect(tools.reads).toBe(2);
    // Older snapshots are immutable: later tokens do not leak into them.
    expect(a.text).toHaveLength(1000);
    expect(a.timing.tokenArrivals).toHaveLength(1000);
    // Also when the arrivals are first read only after later tokens came in (they are copied lazily).
    state.apply({ type: 'text-delta', delta: 'z' });
    expect(b.timing.tokenCount).toBe(1001);
    expect(b.timing.tokenArrivals).toHaveLength(1001);
    expect(b.timing.tokenArrivals).toBe(b.timing.tokenArrivals);
    expect(state.snapshot().timing.tokenArrivals).toHaveLength(1002);
  });

  it('moves between streaming and tool-running by part, and records timing on the clock', async () => {
    const clock = createManualClock();
    const state = createRunState(clock, 'auto', countingTracker());
    await clock.advance(40);
    state.mark('responseHeaders');
    await clock.advance(10);
    state.apply({ type: 'tool-call-start', id: 'a', name: 'search' });
    expect(state.status).toBe('tool-running');
    await clock.advance(10);
    state.apply({ type: 'tool-call-end', id: 'a' });
    expect(state.status).toBe('tool-running');
    await clock.advance(30);
    state.apply({ type: 'tool-result', id: 'a', result: 1 });
    expect(state.status).toBe('streaming');
    await clock.advance(5);
    state.apply({ type: 'text-delta', delta: 'ok' });
    expect(state.snapshot().timing).toEqual({
      requestStart: 0,
      responseHeaders: 40,
      firstToken: 50,
      tokenArrivals: [95],
      tokenCount: 1,
      lastToken: 95,
      toolCalls: [{ id: 'a', name: 'search', startedAt: 50, argsCompleteAt: 60, resultAt: 90 }],
    });
  });

  it('keeps the snapshot when nothing changed (a resumed connection re-marks headers and first byte)', async () => {
    const clock = createManualClock();
    const state = createRunState(clock, 'openai-chat', countingTracker());
    state.mark('responseHeaders');
    state.mark('firstByte');
    const a = state.snapshot();
    await clock.advance(50);
    state.mark('responseHeaders');
    state.mark('firstByte');
    state.setRetry(undefined);
    state.setProtocol('openai-chat');
    expect(state.snapshot()).toBe(a);
    expect(a.timing).toMatchObject({ responseHeaders: 0, firstByte: 0 });
  });
});
