import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { createFakeFrameScheduler } from '../testing/fake-frame-scheduler.ts';
import { type ConversationMessage, createConversationStore } from './conversation-store.ts';

const URL_ = '/v1/chat/completions?preset=instant';

/** A conversation on the mock; `failFirst` answers the first request with a 500. */
function conversation(initial: readonly ConversationMessage[] = [], failFirst = false) {
  const scheduler = createFakeFrameScheduler();
  const mock = createMockFetch();
  const bodies: { messages: unknown[] }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    bodies.push(JSON.parse(String(init?.body)));
    if (failFirst && bodies.length === 1) return new Response('nope', { status: 500 });
    return mock(input, init);
  };
  const store = createConversationStore(
    () => ({ url: URL_, protocol: 'openai-chat', body: { stream: true }, fetch, retry: false }),
    scheduler,
    initial,
  );
  store.subscribe(() => {});
  /** Waits for the message's run to end and lets the next frame mirror it. */
  const settle = async (index: number): Promise<ConversationMessage | undefined> => {
    await store.getSnapshot().messages[index]?.run?.done;
    scheduler.tick();
    return store.getSnapshot().messages[index];
  };
  return { store, bodies, settle };
}

describe('createConversationStore', () => {
  it('gives new messages ids that no earlier message has, even ones restored from a past page load', async () => {
    const { store, settle } = conversation([
      { id: 'user-1', role: 'user', text: 'old question' },
      { id: 'assistant-2', role: 'assistant', text: 'old answer', status: 'done' },
    ]);
    store.send('new question');
    await settle(3);
    const { messages } = store.getSnapshot();
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
    expect(messages[1]?.text).toBe('old answer');
    expect(messages[3]?.text).toBe(SCRIPTS.text.text);
  });

  it('follows a retry made through the run itself (StreamingMessage Retry), error cleared', async () => {
    const { store, settle } = conversation([], true);
    store.send('Hi');
    expect(await settle(1)).toMatchObject({ status: 'error', text: '' });
    store.getSnapshot().messages[1]?.run?.retry();
    const retried = await settle(1);
    expect(retried).toMatchObject({ status: 'done', text: SCRIPTS.text.text });
    expect(retried?.error).toBeUndefined();
  });

  it('follows an earlier answer retried through its run, and leaves empty answers out of requests', async () => {
    const { store, settle, bodies } = conversation([], true);
    store.send('Hi');
    await settle(1);
    store.send('Again');
    await settle(3);
    // The failed first answer has no text: the second request does not send it as an empty turn.
    expect(bodies[1]?.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'user', content: 'Again' },
    ]);
    store.getSnapshot().messages[1]?.run?.retry();
    expect(await settle(1)).toMatchObject({ status: 'done', text: SCRIPTS.text.text });
    expect(store.getSnapshot().status).toBe('done');
    store.send('Third');
    await settle(5);
    expect(bodies[3]?.messages).toHaveLength(5);
  });
});
