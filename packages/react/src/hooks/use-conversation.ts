'use client';
import {
  type ConversationMessage,
  type ConversationRequest,
  type ConversationState,
  createConversationStore,
} from '@tokenpaint/core/view';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';
import { catchUpBeforeReactRenders } from './run-views.ts';

/** Options of {@link useConversation}: how to request an answer, plus the starting messages. */
export interface UseConversationOptions extends ConversationRequest {
  readonly initialMessages?: readonly ConversationMessage[];
}

/** What {@link useConversation} returns. */
export interface UseConversationResult extends ConversationState {
  /** Sends a user message and streams the answer. */
  /** Sends a message; pass the submit event's `timeStamp` as `actionAt` to time the answer from the user's action (default: now). */
  send(text: string, actionAt?: number): void;
  /** Stops the answer in progress, keeping what was received. */
  stop(): void;
  /** Asks for the latest answer again. */
  retry(): void;
}

/**
 * A multi-turn chat: the messages (the answer in progress updated at most once per
 * frame), `send`, `stop` (partial answers are kept) and `retry`. Options are read at
 * each send; the running answer is aborted on unmount.
 *
 * @example
 * const chat = useConversation({ url: '/api/chat', protocol: 'openai-chat', body: { model: 'gpt-x', stream: true } });
 * chat.send('Hello', event.timeStamp);
 */
export function useConversation(options: UseConversationOptions): UseConversationResult {
  const scheduler = useFrameScheduler();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [store] = useState(() =>
    createConversationStore(() => latest.current, scheduler, options.initialMessages, {
      onUrgentCommit: catchUpBeforeReactRenders,
    }),
  );
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { ...state, send: store.send, stop: store.stop, retry: store.retry };
}
