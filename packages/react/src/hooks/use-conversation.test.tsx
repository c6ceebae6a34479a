import { act, renderHook, waitFor } from '@testing-library/react';
import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { type UseConversationOptions, useConversation } from './use-conversation.ts';

function recordingFetch() {
  const mock = createMockFetch();
  const bodies: unknown[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    bodies.push(JSON.parse(String(init?.body)));
    return mock(input, init);
  };
  return { fetch, bodies };
}

describe('useConversation', () => {
  it('sends turns with the history and streams each answer into the list', async () => {
    const { fetch, bodies } = recordingFetch();
    const options: UseConversationOptions = {
      url: '/v1/chat/completions?preset=instant',
      protocol: 'openai-chat',
      body: { model: 'mock', stream: true },
      fetch,
    };
    const { result } = renderHook(() => useConversation(options));
    expect(result.current.status).toBe('idle');
    act(() => result.current.send('Hello'));
    expect(result.current.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.messages[1]?.text).toBe(SCRIPTS.text.text);
    const firstUser = result.current.messages[0];

    act(() => result.current.send('Again'));
    await waitFor(() => expect(result.current.status).toBe('done'));
    expect(result.current.messages[0]).toBe(firstUser); // earlier messages keep their identity
    expect(bodies[1]).toEqual({
      model: 'mock',
      stream: true,
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: SCRIPTS.text.text },
        { role: 'user', content: 'Again' },
      ],
    });
  });

  it('stop keeps the partial answer; retry asks again', async () => {
    const { fetch } = recordingFetch();
    const { result } = renderHook(() =>
      useConversation({
        url: '/v1/chat/completions?preset=typical&ttft=5&tps=40&script=long',
        body: (messages) => ({
          stream: true,
          messages: messages.map((m) => ({ role: m.role, content: m.text })),
        }),
        fetch,
      }),
    );
    act(() => result.current.send('Tell me a long story'));
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(5), {
      timeout: 4000,
    });
    act(() => result.current.stop());
    const stopped = result.current.messages[1];
    expect(stopped?.status).toBe('aborted');
    expect(stopped?.text.length).toBeGreaterThan(5);
    expect(SCRIPTS.long.text.startsWith(stopped?.text ?? 'x')).toBe(true);

    act(() => result.current.retry());
    expect(result.current.messages[1]?.status).toBe('connecting');
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(0), {
      timeout: 4000,
    });
    act(() => result.current.stop());
  });

  it('retry while the answer still runs leaves it alone (the run only retries from an end state)', async () => {
    const { fetch, bodies } = recordingFetch();
    const { result } = renderHook(() =>
      useConversation({
        url: '/v1/chat/completions?preset=typical&ttft=5&tps=40&script=long',
        body: { stream: true },
        fetch,
      }),
    );
    act(() => result.current.send('Tell me a long story'));
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(5), {
      timeout: 4000,
    });
    const before = result.current.messages[1]?.text ?? '';
    act(() => result.current.retry());
    expect(result.current.messages[1]?.status).toBe('streaming');
    expect(result.current.messages[1]?.text.startsWith(before)).toBe(true);
    expect(bodies).toHaveLength(1);
    act(() => result.current.stop());
  });

  it('warm() sends the named warm-up once per idle period, with no body and never to the model', async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const mock = createMockFetch();
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      calls.push({ url: String(input), ...(init === undefined ? {} : { init }) });
      return mock(input, init);
    };
    const { result } = renderHook(() =>
      useConversation({ url: '/v1/chat/completions?preset=instant', warmUp: '/warm', fetch }),
    );
    act(() => {
      result.current.warm();
      for (let key = 0; key < 10; key++) result.current.warm();
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toMatch(/\/warm$/);
    expect(calls[0]!.init).toMatchObject({ method: 'HEAD', cache: 'no-store' });
    expect(calls[0]!.init?.body).toBeUndefined();
  });

  it('running is true from send until the answer ends', async () => {
    const { fetch } = recordingFetch();
    const { result } = renderHook(() =>
      useConversation({ url: '/v1/chat/completions?preset=instant', body: { stream: true }, fetch }),
    );
    expect(result.current.running).toBe(false);
    act(() => result.current.send('Hi'));
    expect(result.current.running).toBe(true);
    await waitFor(() => expect(result.current.running).toBe(false));
    expect(result.current.status).toBe('done');
  });
});
