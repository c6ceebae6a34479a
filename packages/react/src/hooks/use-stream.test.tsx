import { act, renderHook, waitFor } from '@testing-library/react';
import { createFakeRun } from '@tokenpaint/core/testing';
import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { paths } from '../test-utils/paths.ts';
import { useStream } from './use-stream.ts';
import { useToolCall } from './use-tool-call.ts';

function recordingFetch() {
  const mock = createMockFetch();
  const signals: AbortSignal[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (init?.signal) signals.push(init.signal);
    return mock(input, init);
  };
  return { fetch, signals };
}

const URL_ = '/v1/chat/completions?preset=instant';

/** A long answer at 40 tokens/s, with `enabled` as a prop to change. */
function renderLongStream(enabled: boolean) {
  const { fetch, signals } = recordingFetch();
  const hook = renderHook(
    ({ enabled }: { enabled: boolean }) =>
      useStream({
        url: '/v1/chat/completions?preset=typical&ttft=5&tps=40&script=long',
        body: { stream: true, messages: [] },
        enabled,
        fetch,
      }),
    { initialProps: { enabled } },
  );
  return { ...hook, signals };
}

describe('useStream', () => {
  it('starts an owned request after mount and streams it to the end', async () => {
    const { fetch, signals } = recordingFetch();
    const { result } = renderHook(() =>
      useStream({ url: URL_, body: { stream: true, messages: [] }, fetch }),
    );
    expect(result.current.run).toBeNull();
    expect(result.current.snapshot.status).toBe('connecting');
    await waitFor(() => expect(result.current.snapshot.status).toBe('done'));
    expect(result.current.snapshot.text).toBe(SCRIPTS.text.text);
    expect(signals).toHaveLength(1);
  });

  it('restarts when the body changes by value, not when it is only a new object', async () => {
    const { fetch, signals } = recordingFetch();
    const { result, rerender } = renderHook(
      ({ q }: { q: string }) =>
        useStream({ url: URL_, body: { stream: true, messages: [{ role: 'user', content: q }] }, fetch }),
      { initialProps: { q: 'a' } },
    );
    await waitFor(() => expect(result.current.snapshot.status).toBe('done'));
    rerender({ q: 'a' });
    await act(async () => {});
    expect(signals).toHaveLength(1);
    const first = result.current.run;
    rerender({ q: 'b' });
    expect(result.current.snapshot.status).toBe('connecting'); // the old run is not shown for the new request
    await waitFor(() => expect(result.current.snapshot.status).toBe('done'));
    expect(signals).toHaveLength(2);
    expect(result.current.run).not.toBe(first);
  });

  it('compares URLSearchParams and FormData bodies by value: an inline one does not restart the request', async () => {
    const { fetch, signals } = recordingFetch();
    const { result, rerender } = renderHook(
      ({ q }: { q: string }) => {
        const form = new FormData();
        form.set('q', q);
        return [
          useStream({ url: URL_, body: new URLSearchParams({ q }), fetch }),
          useStream({ url: URL_, body: form, fetch }),
        ];
      },
      { initialProps: { q: 'a' } },
    );
    // (The mock answers form bodies with an error; what matters is that each request ends.)
    const settled = () => result.current.every((r) => ['done', 'error'].includes(r.snapshot.status));
    await waitFor(() => expect(settled()).toBe(true));
    rerender({ q: 'a' });
    await act(async () => {});
    expect(signals).toHaveLength(2);
    rerender({ q: 'b' });
    await waitFor(() => expect(settled()).toBe(true));
    expect(signals).toHaveLength(4);
  });

  it('never serializes the body to decide whether the request changed (a long history costs nothing per frame)', async () => {
    const { fetch, signals } = recordingFetch();
    let serializations = 0;
    // A body that counts how often it is turned into JSON: once to send it is the floor.
    const history = Array.from({ length: 200 }, (_, i) => ({ role: 'user', content: `message ${i}` }));
    const messages = Object.assign(history, {
      toJSON() {
        serializations++;
        return [...history];
      },
    });
    const { result, rerender } = renderHook(
      ({ tick }: { tick: number }) => {
        void tick;
        // An inline body around the same `messages`, as apps write it.
        return useStream({ url: URL_, body: { stream: true, messages }, fetch });
      },
      { initialProps: { tick: 0 } },
    );
    await waitFor(() => expect(result.current.snapshot.status).toBe('done'));
    const afterSend = serializations;
    for (let tick = 1; tick <= 50; tick++) rerender({ tick });
    await act(async () => {});
    expect(serializations).toBe(afterSend);
    expect(signals).toHaveLength(1);
  });

  it('holds the request while disabled, and abort() stops it keeping the text', async () => {
    const { result, rerender, signals } = renderLongStream(false);
    await act(async () => {});
    expect(signals).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.snapshot.text.length).toBeGreaterThan(3), { timeout: 4000 });
    act(() => result.current.abort());
    expect(result.current.snapshot.status).toBe('aborted');
    expect(SCRIPTS.long.text.startsWith(result.current.snapshot.text)).toBe(true);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('disabling mid-run stops it keeping the text, and offers no retry until enabled again', async () => {
    const { result, rerender, signals } = renderLongStream(true);
    await waitFor(() => expect(result.current.snapshot.text.length).toBeGreaterThan(3), { timeout: 4000 });
    expect(result.current.canRetry).toBe(false); // running
    rerender({ enabled: false });
    await waitFor(() => expect(result.current.snapshot.status).toBe('aborted'));
    const kept = result.current.snapshot.text;
    expect(SCRIPTS.long.text.startsWith(kept) && kept.length > 3).toBe(true);
    expect(result.current.canRetry).toBe(false);
    act(() => result.current.retry());
    await act(async () => {});
    expect(signals).toHaveLength(1); // nothing re-sent while disabled
    expect(result.current.snapshot).toMatchObject({ status: 'aborted', text: kept });
    rerender({ enabled: true });
    await waitFor(() => expect(signals).toHaveLength(2));
  });

  it('follows an external run without aborting it on unmount', () => {
    const run = createFakeRun();
    const { result, unmount } = renderHook(() => useStream({ run }));
    act(() => run.appendText('hi'));
    expect(result.current.snapshot.text).toBe('hi');
    unmount();
    expect(run.calls.abort).toBe(0);
    expect(run.listenerCount).toBe(0);
  });
});

describe('useToolCall', () => {
  it('re-renders for its call only, not for text or other calls', () => {
    const run = createFakeRun();
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useToolCall(run, 'b');
    });
    expect(result.current.call).toBeUndefined();
    const b = {
      id: 'b',
      name: 'lookup',
      argsText: '{"x":1}',
      args: { x: 1 },
      state: 'args-complete' as const,
      completedPaths: paths(['x'], []),
    };
    act(() => run.setToolCall(b));
    expect(result.current.call).toBe(b);
    expect([...result.current.completed]).toEqual(['["x"]', '[]']);
    const settled = renders;
    act(() => {
      run.appendText('text');
      run.setToolCall({ ...b, id: 'a', name: 'other' });
    });
    expect(renders).toBe(settled);
  });
});
