/**
 * A multi-turn chat over stream runs: the message list, one run per answer, and
 * the answer in progress mirrored into the list at most once per frame (through a
 * run view), so earlier messages keep their identity and memoized rows skip.
 */

import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { StartStreamOptions } from '../run/options.ts';
import { startStream } from '../run/start-stream.ts';
import { isRunning } from '../run/status.ts';
import type { StreamRun, StreamSnapshot, StreamStatus } from '../run/types.ts';
import { systemClock } from '../sse/clock.ts';
import { createSubscribable } from '../subscribable.ts';
import type { FrameScheduler } from './frame-scheduler.ts';
import { createRunView, type RunViewOptions } from './run-view.ts';

/** One message of a conversation. */
export interface ConversationMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  /** The text; for the answer in progress, what was received so far. */
  readonly text: string;
  /** Assistant messages: where the run is (kept after the run settles, e.g. `aborted`). */
  readonly status?: StreamStatus;
  readonly reasoning?: string;
  readonly toolCalls?: readonly ToolCallSnapshot[];
  readonly error?: Error;
  /** Assistant messages: the run that produces it (pass it to `<StreamingMessage run>`). */
  readonly run?: StreamRun;
}

/** How a conversation builds its requests. */
export interface ConversationRequest extends Omit<StartStreamOptions, 'body' | 'signal'> {
  /**
   * The request body. An object is sent with `messages: [{ role, content }]` added;
   * a function receives the messages (the new user message included) and returns the whole body.
   */
  readonly body?: Readonly<Record<string, unknown>> | ((messages: readonly ConversationMessage[]) => unknown);
}

/** The state of a conversation; a new object on every change. */
export interface ConversationState {
  readonly messages: readonly ConversationMessage[];
  /** The status of the latest answer, `idle` before the first. */
  readonly status: StreamStatus | 'idle';
}

/** A conversation, framework-free apart from the frame scheduler. */
export interface ConversationStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConversationState;
  /**
   * Sends a user message and streams the answer (stopping an answer still
   * running, keeping its text). `actionAt`: when the user acted (the submit
   * event's `timeStamp`); default now, which leaves out the input delay.
   */
  send(text: string, actionAt?: number): void;
  /** Stops the answer in progress; its partial text stays in the list. */
  stop(): void;
  /** Asks for the latest answer again (after an error, a stop or a finished answer). */
  retry(): void;
  /** Stops everything (on unmount). */
  dispose(): void;
}

let nextId = 1;

/**
 * The object body's `messages`. An answer with no text (it failed, or was stopped
 * before its first token) is left out: an empty assistant turn is noise to the
 * model, and some providers reject empty content outright.
 */
function requestBody(request: ConversationRequest, messages: readonly ConversationMessage[]): unknown {
  if (typeof request.body === 'function') return request.body(messages);
  const turns = messages.filter((m) => m.role === 'user' || m.text !== '');
  return { ...request.body, messages: turns.map((m) => ({ role: m.role, content: m.text })) };
}

/** The message as its answer's snapshot shows it; an error from an earlier attempt goes. */
function mirrored(message: ConversationMessage, snapshot: StreamSnapshot): ConversationMessage {
  const { error: _previous, ...rest } = message;
  return {
    ...rest,
    text: snapshot.text,
    status: snapshot.status,
    reasoning: snapshot.reasoning,
    toolCalls: snapshot.toolCalls,
    ...(snapshot.error ? { error: snapshot.error } : {}),
  };
}

/** Creates a conversation; `request()` is read at each send, so options may change between turns. */
export function createConversationStore(
  request: () => ConversationRequest,
  scheduler: FrameScheduler,
  initialMessages: readonly ConversationMessage[] = [],
  viewOptions: Pick<RunViewOptions, 'onUrgentCommit' | 'immediate'> = {},
): ConversationStore {
  const listeners = createSubscribable();
  let state: ConversationState = { messages: initialMessages, status: 'idle' };
  /**
   * Every answer's run is followed, not only the latest: `<StreamingMessage run>`
   * offers Retry on any answer, and a retried earlier answer must reach the list.
   * A finished run costs nothing while followed: its view only wakes on a change.
   */
  const followed = new Map<string, { run: StreamRun; unsubscribe: () => void }>();

  const setState = (next: ConversationState): void => {
    state = next;
    listeners.notify();
  };

  /**
   * Ids restart with each page load; restored messages may hold any of them. The
   * taken ids are gathered once per call: a history restored with this scheme's
   * ids would otherwise cost one scan of every message per id skipped (O(n²)).
   */
  const newId = (role: string): string => {
    const taken = new Set(state.messages.map((m) => m.id));
    let id: string;
    do id = `${role}-${nextId++}`;
    while (taken.has(id));
    return id;
  };

  const latestAnswerId = (): string | undefined => state.messages.findLast((m) => m.role === 'assistant')?.id;

  const follow = (run: StreamRun, id: string): void => {
    followed.get(id)?.unsubscribe();
    const view = createRunView(run, { ...viewOptions, scheduler });
    const mirror = (): void => {
      const snapshot = view.getSnapshot();
      const messages = state.messages.map((m) => (m.id === id ? mirrored(m, snapshot) : m));
      setState({ messages, status: id === latestAnswerId() ? snapshot.status : state.status });
    };
    followed.set(id, { run, unsubscribe: view.subscribe(mirror) });
  };

  const abortAll = (): void => {
    for (const { run } of followed.values()) run.abort();
  };

  for (const message of initialMessages) if (message.run) follow(message.run, message.id);

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => state,
    send(text, actionAt) {
      abortAll();
      const user: ConversationMessage = { id: newId('user'), role: 'user', text };
      const history = [...state.messages, user];
      const current = request();
      const { body: _body, ...options } = current;
      const run = startStream({
        ...options,
        body: requestBody(current, history),
        actionAt: options.actionAt ?? actionAt ?? (options.clock ?? systemClock).now(),
      });
      const answer: ConversationMessage = {
        id: newId('assistant'),
        role: 'assistant',
        text: '',
        status: 'connecting',
        run,
      };
      setState({ messages: [...history, answer], status: 'connecting' });
      follow(run, answer.id);
    },
    stop() {
      abortAll();
    },
    retry() {
      const last = state.messages.at(-1);
      if (last?.role !== 'assistant' || !last.run) return;
      // A run retries only from an end state; blanking an answer that is still running would show
      // it empty and `connecting` while it keeps streaming.
      if (isRunning(last.run.getSnapshot().status)) return;
      const { error: _error, ...rest } = last;
      setState({
        messages: [...state.messages.slice(0, -1), { ...rest, text: '', status: 'connecting' }],
        status: 'connecting',
      });
      last.run.retry(); // followed since it was sent (or restored), so the list sees it
    },
    dispose() {
      abortAll();
      for (const { unsubscribe } of followed.values()) unsubscribe();
      followed.clear();
    },
  };
}
