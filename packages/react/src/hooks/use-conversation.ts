'use client';
import { isRunning, type WarmUpRequest } from '@tokenpaint/core';
import {
  type ConversationMessage,
  type ConversationRequest,
  type ConversationState,
  createConversationStore,
} from '@tokenpaint/core/view';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';
import { useConnectionWarmer } from './use-connection-warmer.ts';

/** Options of {@link useConversation}: how to request an answer, plus the starting messages. */
export interface UseConversationOptions extends ConversationRequest {
  readonly initialMessages?: readonly ConversationMessage[];
  /**
   * A cheap request `warm()` sends to open the connection before the user
   * submits (a health route; never the answer endpoint, never a body). Without
   * it `warm()` only adds a `preconnect` hint, for a cross-origin `url`.
   */
  readonly warmUp?: string | URL | WarmUpRequest;
}

/** What {@link useConversation} returns. */
export interface UseConversationResult extends ConversationState {
  /** An answer is on its way (connecting, streaming, stalled or retrying): `<Composer busy>`. */
  readonly running: boolean;
  /** Sends a message; pass the submit event's `timeStamp` as `actionAt` to time the answer from the user's action (default: now). */
  send(text: string, actionAt?: number): void;
  /** Stops the answer in progress, keeping what was received. */
  stop(): void;
  /** Asks for the latest answer again. */
  retry(): void;
  /** Warms the connection on intent (the composer's focus and input); at most once per idle period. */
  warm(): void;
}

/**
 * A multi-turn chat: the messages (the answer in progress updated at most once per
 * frame), `send`, `stop` (partial answers are kept), `retry` and `warm`. Options are
 * read at each send; the running answer is aborted on unmount. `send` updates the
 * list synchronously, so called from an event handler the user's message and the
 * answer's skeleton are in the frame after the submit, before `fetch` resolves.
 *
 * @example
 * const chat = useConversation({ url: '/api/chat', protocol: 'openai-chat', body: { model: 'gpt-x', stream: true } });
 * chat.send('Hello', event.timeStamp);
 * <Composer onSend={chat.send} onStop={chat.stop} onIntent={chat.warm} busy={chat.running} />
 */
export function useConversation(options: UseConversationOptions): UseConversationResult {
  const scheduler = useFrameScheduler();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [store] = useState(() =>
    // The list's copy of the answer follows at frame pace: `<StreamingMessage run>` shows the first
    // token at once, and re-rendering a long list in that commit would delay it (and the frame after
    // it is held for its paint).
    createConversationStore(() => latest.current, scheduler, options.initialMessages, {
      immediate: 'end',
    }),
  );
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const warm = useConnectionWarmer({
    url: options.url,
    ...(options.warmUp === undefined ? {} : { warmUp: options.warmUp }),
    ...(options.requestInit?.credentials === undefined
      ? {}
      : { credentials: options.requestInit.credentials }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const running = state.status !== 'idle' && isRunning(state.status);
  return { ...state, running, send: store.send, stop: store.stop, retry: store.retry, warm };
}
