/**
 * `startStream`: one request turned into a {@link StreamRun} — a small store with
 * honest states (connecting → waiting → streaming / tool-running → done, plus stalled,
 * retrying, error, aborted), the accumulated text, tool calls and timing.
 */
import { createToolCallAssembler } from '../json/tool-call-assembler.ts';
import { mayEndHere, type ProtocolAdapter } from '../protocols/adapter.ts';
import { createAdapter, protocolFromHeaders, protocolFromMessage } from '../protocols/detect.ts';
import { ProtocolDetectionError, ProviderError } from '../protocols/errors.ts';
import type { StreamPart } from '../protocols/parts.ts';
import { systemClock } from '../sse/clock.ts';
import { DisconnectedError } from '../sse/errors.ts';
import { openTransport } from '../sse/transport.ts';
import type { SSEMessage, TransportEvent } from '../sse/types.ts';
import { createSubscribable } from '../subscribable.ts';
import { applyTransportEvent, createConnectionMemory } from './apply-transport-event.ts';
import type { StartStreamOptions } from './options.ts';
import { pushSafely } from './push-safely.ts';
import { requestBody } from './request-body.ts';
import { createRunState, type RunState } from './run-state.ts';
import type { StreamRun, StreamSnapshot } from './types.ts';

/** Thrown out of the event loop to end it on an in-stream provider error. */
class EndOnError {
  readonly error: ProviderError;
  constructor(error: ProviderError) {
    this.error = error;
  }
}

/**
 * Starts streaming `options.url` and returns the run at once (status `connecting`).
 * Listeners are notified synchronously after every part; read `getSnapshot()` when
 * you render (the snapshot is built lazily). `done` settles, never rejects.
 *
 * @example
 * const run = startStream({ url: '/api/chat', body: { messages } });
 * run.subscribe(() => render(run.getSnapshot()));
 * const final = await run.done; // final.status: 'done' | 'error' | 'aborted'
 */
export function startStream(options: StartStreamOptions): StreamRun {
  const clock = options.clock ?? systemClock;
  const protocol = options.protocol ?? 'auto';
  const listeners = createSubscribable();
  let generation = 0;
  let finished = false;
  let state: RunState;
  let controller: AbortController;
  let settle: (snapshot: StreamSnapshot) => void = () => {};
  let done: Promise<StreamSnapshot>;
  const external = options.signal;
  const onExternalAbort = (): void => abort(external?.reason);

  const notify = listeners.notify;

  function finish(gen: number, status: 'done' | 'error' | 'aborted', error?: Error): void {
    if (gen !== generation || finished) return;
    finished = true;
    external?.removeEventListener('abort', onExternalAbort);
    if (error) state.setError(error);
    state.setStatus(status);
    state.mark('end');
    notify();
    settle(state.snapshot());
  }

  function begin(): void {
    generation++;
    finished = false;
    controller = new AbortController();
    const gen = generation;
    const tools = createToolCallAssembler({
      ...(options.toolSchemas ? { schemas: options.toolSchemas } : {}),
      // Schema validation may settle after the stream moved on: refresh the snapshot then.
      onChange: () => {
        if (gen !== generation) return;
        state.invalidate();
        notify();
      },
    });
    // The user's action started the first request only: a retry() is an action of its own, untimed.
    state = createRunState(clock, protocol, tools, gen, gen === 1 ? options.actionAt : undefined);
    done = new Promise((resolve) => {
      settle = resolve;
    });
    if (external?.aborted) {
      finish(generation, 'aborted');
      return;
    }
    external?.addEventListener('abort', onExternalAbort, { once: true });
    // A request that cannot be built (a body JSON cannot encode, an invalid header) throws
    // before the loop's own handler: end the run with that error rather than leave
    // `done` pending and the status `connecting` forever.
    execute(gen, controller.signal, state).catch((error: unknown) =>
      finish(gen, 'error', error instanceof Error ? error : new Error(String(error))),
    );
  }

  async function execute(gen: number, signal: AbortSignal, s: RunState): Promise<void> {
    let adapter: ProtocolAdapter | undefined = protocol === 'auto' ? undefined : createAdapter(protocol);
    const memory = createConnectionMemory();
    const live = (): boolean => gen === generation && !finished;
    const headers = new Headers(options.headers);
    const body = requestBody(options.body, headers);
    const transport = openTransport(options.url, {
      ...options.requestInit,
      method: options.method ?? 'POST',
      headers,
      ...(body === undefined ? {} : { body }),
      signal,
      clock,
      acceptText: protocol === 'auto' || protocol === 'text',
      isComplete: () => mayEndHere(adapter),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: options.stallTimeoutMs }),
      ...(options.stallAbandonMs === undefined ? {} : { stallAbandonMs: options.stallAbandonMs }),
    });

    const deliver = (parts: readonly StreamPart[]): void => {
      for (const part of parts) {
        // A listener may abort (or retry) while a read's parts are delivered: nothing
        // after that may reach the state, or `aborted` would turn back into `streaming`.
        if (!live()) return;
        if (part.type === 'error') throw new EndOnError(new ProviderError(part.message, part.code));
        s.apply(part);
        notify();
      }
    };

    let lastEventId: string | undefined;
    const onMessage = (message: SSEMessage, event: TransportEvent & { type: 'open' }): void => {
      if (!adapter) {
        const detected = protocolFromMessage(message);
        if (!detected)
          throw new ProtocolDetectionError(event.response.headers.get('content-type') ?? '', message.data);
        adapter = createAdapter(detected);
        s.setProtocol(detected);
      }
      const parts = pushSafely(adapter, message);
      // A resume the server answered with a new generation under new event ids:
      // its start event (or, in Chat Completions, a new completion id) names a
      // response again. Its text must not be appended to the text already shown.
      if (event.resumed && parts.some(namesResponse))
        throw new DisconnectedError('resume-rejected', lastEventId);
      lastEventId = message.id;
      deliver(parts);
    };

    try {
      let opened: (TransportEvent & { type: 'open' }) | undefined;
      for await (const event of transport) {
        if (!live()) return;
        switch (event.type) {
          case 'open': {
            opened = event;
            // A text/plain body (the transport's `text` format) reads as `text` here too.
            const fromHeaders = protocolFromHeaders(event.response.headers);
            if (!adapter && fromHeaders) adapter = createAdapter(fromHeaders);
            if (adapter) s.setProtocol(adapter.protocol);
            break;
          }
          case 'messages':
            for (const message of event.messages) {
              onMessage(message, opened!);
              if (!live()) return;
              if (adapter?.done) {
                finish(gen, 'done');
                return;
              }
            }
            continue;
          case 'text':
            onMessage({ event: 'message', data: event.text }, opened!);
            continue;
        }
        applyTransportEvent(s, memory, event, clock.now);
        notify();
      }
      if (!live()) return;
      if (adapter?.end) deliver(adapter.end());
      finish(gen, 'done');
    } catch (error) {
      if (!live()) return;
      if (error instanceof EndOnError) finish(gen, 'error', error.error);
      else if (signal.aborted) finish(gen, 'aborted');
      else finish(gen, 'error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  function abort(reason?: unknown): void {
    if (finished) return;
    const gen = generation;
    // State first, synchronously: the UI shows `aborted` now, not when the loop unwinds.
    finish(gen, 'aborted');
    controller.abort(reason);
  }

  begin();

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => state.snapshot(),
    get status() {
      return state.status;
    },
    has: (kind) => state.has(kind),
    abort,
    retry() {
      if (!finished) return;
      begin();
      notify();
    },
    get done() {
      return done;
    },
  };
}

/** Every adapter names the response once, at the start of a generation. */
function namesResponse(part: StreamPart): boolean {
  return part.type === 'meta' && part.key === 'id';
}
