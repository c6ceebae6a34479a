import { act, renderHook, waitFor } from '@testing-library/react';
import { PartialJSONSyntaxError } from '@tokenpaint/core';
import { createFakeFrameScheduler } from '@tokenpaint/core/testing';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { FrameSchedulerProvider } from '../scheduling/scheduler-context.tsx';
import { type PartialJSONSource, usePartialJSON } from './use-partial-json.ts';

describe('usePartialJSON with a growing string', () => {
  it('parses only the new suffix and keeps finished subtrees identical', () => {
    const { result, rerender } = renderHook(({ text }: { text: string }) => usePartialJSON(text), {
      initialProps: { text: '{"done": {"a": 1}, "title": "Hel' },
    });
    const first = result.current.value as { done: object; title: string };
    expect(first).toEqual({ done: { a: 1 }, title: 'Hel' });
    rerender({ text: '{"done": {"a": 1}, "title": "Hello"}' });
    const second = result.current.value as { done: object; title: string };
    expect(second.title).toBe('Hello');
    expect(second.done).toBe(first.done);
    expect(result.current.done).toBe(true);
    const settled = result.current;
    rerender({ text: '{"done": {"a": 1}, "title": "Hello"}' });
    expect(result.current).toBe(settled); // same text, same state object
  });

  it('starts over when the string is not a continuation, and reports syntax errors keeping the value', () => {
    const { result, rerender } = renderHook(({ text }: { text: string }) => usePartialJSON(text), {
      initialProps: { text: '[1, 2' },
    });
    expect(result.current.value).toEqual([1, 2]);
    rerender({ text: '{"x": tr' });
    expect(result.current.value).toEqual({ x: true });
    rerender({ text: '{"x": true, ]' });
    expect(result.current.error?.name).toBe('PartialJSONSyntaxError');
    expect(result.current.value).toEqual({ x: true });
  });
});

describe('usePartialJSON with a delta source', () => {
  async function* deltas(parts: string[], gate: () => Promise<void>) {
    for (const part of parts) {
      await gate();
      yield part;
    }
  }

  it('shows the first value at once, then commits once per frame, and finishes', async () => {
    const scheduler = createFakeFrameScheduler();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <FrameSchedulerProvider scheduler={scheduler}>{children}</FrameSchedulerProvider>
    );
    let release: () => void = () => {};
    const gate = () =>
      new Promise<void>((resolve) => {
        release = resolve;
      });
    const source = deltas(['{"items": [', '"a"', ', "b"', ', "c"]}'], gate);
    let renders = 0;
    const { result } = renderHook(
      ({ src }: { src: PartialJSONSource }) => {
        renders++;
        return usePartialJSON(src);
      },
      { wrapper, initialProps: { src: source } },
    );
    const step = async () => {
      await act(async () => {
        release();
        await Promise.resolve();
        await Promise.resolve();
      });
    };
    await act(async () => {}); // the hook starts reading a microtask after mount
    await step();
    expect(result.current.value).toEqual({ items: [] }); // first value: no frame needed
    await step();
    await step();
    expect(result.current.value).toEqual({ items: [] }); // later deltas wait for the frame
    const before = renders;
    act(() => scheduler.tick());
    expect(result.current.value).toEqual({ items: ['a', 'b'] });
    expect(renders).toBe(before + 1);
    await step();
    await act(async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(result.current.value).toEqual({ items: ['a', 'b', 'c'] });
    expect(result.current.done).toBe(true);
  });

  it('reads a generator or a stream once under StrictMode (its simulated unmount must not consume it)', async () => {
    async function* generator() {
      yield '{"a": ';
      yield '1}';
    }
    const stream = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('{"b": ');
        controller.enqueue('2}');
        controller.close();
      },
    });
    const deltas = generator();
    const fromGenerator = renderHook(() => usePartialJSON(deltas), { wrapper: StrictMode });
    const fromStream = renderHook(() => usePartialJSON(stream), { wrapper: StrictMode });
    await waitFor(() => expect(fromStream.result.current.value).toEqual({ b: 2 }));
    await waitFor(() => expect(fromGenerator.result.current.value).toEqual({ a: 1 }));
  });

  it('ends the document with the source: a top-level number completes, a truncated text is an error', async () => {
    async function* parts(...texts: string[]) {
      yield* texts;
    }
    const number = parts('4', '2');
    const truncated = parts('{"a": 1, ', '"b": [1, 2');
    const fromNumber = renderHook(() => usePartialJSON(number));
    const fromTruncated = renderHook(() => usePartialJSON(truncated));
    await waitFor(() => expect(fromNumber.result.current).toMatchObject({ value: 42, done: true }));
    await waitFor(() => expect(fromTruncated.result.current.error).toBeInstanceOf(PartialJSONSyntaxError));
    expect(fromTruncated.result.current).toMatchObject({ value: { a: 1, b: [1, 2] }, done: false });
  });
});
