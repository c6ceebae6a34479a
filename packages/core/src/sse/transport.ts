/**
 * The connection loop under {@link streamSSE} and `startStream`: fetch with retries
 * before the first byte, SSE parsing (eventsource-parser) or plain text, stall
 * watchdog, and resume with `Last-Event-ID` after a drop. It reports states as
 * events so the caller can show them; it never re-sends after a normal end or an abort.
 */
import { createParser } from 'eventsource-parser';
import { sleep, systemClock } from './clock.ts';
import { DisconnectedError, NetworkError, StallError } from './errors.ts';
import { bodyFormatOf, httpErrorFrom } from './response-checks.ts';
import { resolveRetryPolicy } from './retry-policy.ts';
import { createRetryStreak, type Failure } from './retry-streak.ts';
import { ABANDONED, guardStall } from './stall-guard.ts';
import type { SSEMessage, StreamSSEInit, TransportEvent } from './types.ts';

/** Options of {@link openTransport}: {@link StreamSSEInit} plus whether `text/plain` bodies are accepted. */
export interface TransportInit extends StreamSSEInit {
  readonly acceptText?: boolean;
}

const DEFAULT_STALL_MS = 10_000;

/** Internal: where a dropped stream would resume, and what tells a real resume from a replay. */
interface ResumePoint {
  /** The id of the last event received: sent as `Last-Event-ID` on the next connection. */
  lastEventId: string;
  /** The server's `retry:` reconnection time, in ms. */
  retryHint?: number;
  /** The id of the first event ever received: a "resume" that starts with it again is a replay. */
  firstIdSeen?: string | undefined;
  /** Any data arrived: the next connection is a resume, not a retry. */
  receivedData: boolean;
}

/** Internal: what one attempt holds that its cleanup must release. */
interface Held {
  reader?: ReadableStreamDefaultReader<Uint8Array>;
  /** Rejects with the signal's reason on abort (for one-off waits; reads use the attempt's signal). */
  readonly aborted: Promise<never>;
  /** Bounds the reading of an error body's excerpt. */
  excerptTimer?: unknown;
}

/**
 * Runs one logical stream over as many connections as retries and resumes need,
 * yielding {@link TransportEvent}s. Throws a typed error (see `errors.ts`) or the
 * signal's reason on abort. Breaking out of the loop cancels the body and timers.
 */
/**
 * The body's decoder. Event streams are UTF-8 by definition (the SSE spec);
 * a `text/plain` body is decoded in the `charset` its content type names
 * (`windows-1252`, `iso-8859-1`, `utf-16le`…), UTF-8 when it names none or one
 * the platform does not know.
 */
function decoderFor(response: Response, format: 'sse' | 'text'): TextDecoder {
  if (format === 'sse') return new TextDecoder();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(response.headers.get('content-type') ?? '')?.[1];
  if (charset === undefined) return new TextDecoder();
  try {
    return new TextDecoder(charset);
  } catch {
    return new TextDecoder();
  }
}

export async function* openTransport(
  input: string | URL | Request,
  init: TransportInit = {},
): AsyncGenerator<TransportEvent, void> {
  const {
    fetch: fetchImpl = globalThis.fetch,
    signal,
    lastEventId: initialId,
    retry,
    stallTimeoutMs = DEFAULT_STALL_MS,
    stallAbandonMs = stallTimeoutMs * 3,
    clock = systemClock,
    isComplete,
    acceptText = false,
    ...requestInit
  } = init;
  const policy = resolveRetryPolicy(retry);
  // A streamed request body can be sent only once, so it cannot be retried or resumed.
  const replayable = !(requestInit.body instanceof ReadableStream);
  const resume: ResumePoint = { lastEventId: initialId ?? '', receivedData: false };
  const streak = createRetryStreak(policy, clock, replayable);

  for (;;) {
    signal?.throwIfAborted();
    const attempt = new AbortController();
    let rejectAborted: (reason: unknown) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      rejectAborted = reject;
    });
    aborted.catch(() => {}); // Observed through races; never an unhandled rejection.
    const onAbort = (): void => {
      attempt.abort(signal?.reason);
      rejectAborted(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const held: Held = { aborted };
    let failure: Failure | undefined;
    try {
      failure = yield* connectAndRead(attempt.signal, held);
      if (!failure) return;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      // Runs on normal end, error, abort and when the consumer stops iterating:
      // the listener, the connection and the reader never outlive the attempt.
      signal?.removeEventListener('abort', onAbort);
      if (held.excerptTimer !== undefined) clock.clearTimeout(held.excerptTimer);
      held.reader?.cancel().catch(() => {});
      attempt.abort();
    }
    yield* waitBeforeNext(failure);
  }

  async function* connectAndRead(
    attemptSignal: AbortSignal,
    held: Held,
  ): AsyncGenerator<TransportEvent, Failure | undefined> {
    // A Request input keeps its own headers (init headers replace them in fetch) and is
    // cloned per attempt, since a body can be read only once and a retry must re-send it.
    const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
    const headers = new Headers(requestInit.headers ?? request?.headers);
    if (resume.lastEventId !== '') headers.set('last-event-id', resume.lastEventId);
    if (!headers.has('accept'))
      headers.set('accept', acceptText ? 'text/event-stream, text/plain' : 'text/event-stream');
    const resuming = resume.receivedData;
    const kind = resuming ? 'resume' : 'retry';
    let response: Response | typeof ABANDONED;
    try {
      const pending = fetchImpl(request ? request.clone() : input, {
        ...requestInit,
        headers,
        signal: attemptSignal,
      });
      response = yield* guardStall(pending, clock, stallTimeoutMs, stallAbandonMs, attemptSignal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return { error: new NetworkError(error), kind };
    }
    // Before the response nothing was generated that we know of, so a silent connect is retried.
    if (response === ABANDONED) return { error: new StallError(stallAbandonMs, 'before-response'), kind };
    // The excerpt of an error body is read for at most `stallTimeoutMs`: a body that
    // never ends (a stuck proxy, a JSON answer streamed slowly) must not hang the run.
    const excerptCutoff = (): Promise<unknown> | undefined =>
      Number.isFinite(stallTimeoutMs)
        ? new Promise((resolve) => {
            held.excerptTimer = clock.setTimeout(() => resolve(undefined), stallTimeoutMs);
          })
        : undefined;
    if (!response.ok) {
      const error = await Promise.race([httpErrorFrom(response, excerptCutoff()), held.aborted]);
      if (!policy.retryStatuses.includes(response.status)) {
        throw resuming ? new DisconnectedError('resume-rejected', resume.lastEventId, error) : error;
      }
      return { error, kind, ...(error.retryAfterMs === undefined ? {} : { waitMs: error.retryAfterMs }) };
    }
    const format = await Promise.race([bodyFormatOf(response, acceptText, excerptCutoff()), held.aborted]);
    if (held.excerptTimer !== undefined) clock.clearTimeout(held.excerptTimer);
    if (!response.body) throw new DisconnectedError('ended-early', resume.lastEventId || undefined);
    yield { type: 'open', response, format, resumed: resuming };
    held.reader = response.body.getReader();
    return yield* readBody(held.reader, format, resuming, attemptSignal, decoderFor(response, format));
  }

  async function* readBody(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    format: 'sse' | 'text',
    resuming: boolean,
    attemptSignal: AbortSignal,
    decoder: TextDecoder,
  ): AsyncGenerator<TransportEvent, Failure | undefined> {
    const queue: SSEMessage[] = [];
    let checkedResume = !resuming;
    // The id this connection resumes after. An event with no `id:` field keeps
    // the last one (SSE's last-event-id buffer), so a first event still carrying
    // it brought no id of its own.
    const resumedAfter = resume.lastEventId;
    const parser = createParser({
      onId: (id) => {
        resume.lastEventId = id;
      },
      onRetry: (ms) => {
        resume.retryHint = ms;
      },
      onEvent: (event) => {
        const message: { event: string; data: string; id?: string; retry?: number } = {
          event: event.event ?? 'message',
          data: event.data,
        };
        if (resume.lastEventId !== '') message.id = resume.lastEventId;
        if (resume.retryHint !== undefined) message.retry = resume.retryHint;
        queue.push(message);
      },
    });
    let sawByte = false;
    // Keep-alives are not progress: a proxy or gateway may send SSE comments
    // (`: keep-alive`) for as long as the upstream is dead. `stalled` counts from
    // the last event, so comments alone still turn the run stalled; they do keep
    // the connection from being abandoned (only silence, no byte at all, for
    // stallAbandonMs does that), since gateways also send them while a model
    // thinks for a long time. An Anthropic `ping` is an event, and counts as one.
    let lastEventAt = clock.now();
    let stalledOnComments = false;
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array> | typeof ABANDONED;
      const stallIn = Math.max(0, stallTimeoutMs - (clock.now() - lastEventAt));
      try {
        result = yield* guardStall(
          reader.read(),
          clock,
          stalledOnComments ? Number.POSITIVE_INFINITY : stallIn,
          stallAbandonMs,
          attemptSignal,
        );
      } catch (error) {
        if (signal?.aborted) throw error;
        return dropped(new DisconnectedError('connection-lost', resume.lastEventId || undefined, error));
      }
      // Some fetch implementations end the body cleanly on abort: that is not a drop.
      signal?.throwIfAborted();
      if (result === ABANDONED) {
        return dropped(
          new StallError(stallAbandonMs, sawByte || resuming ? 'mid-stream' : 'before-first-byte'),
        );
      }
      if (result.done) {
        if (format === 'text') {
          // Flush the decoder: a body cut inside a multi-byte character shows it as
          // U+FFFD instead of dropping it without a trace.
          const tail = decoder.decode();
          if (tail) yield { type: 'text', text: tail };
          return undefined;
        }
        if (!isComplete) return undefined; // no terminal event to wait for: any end is the end
        return dropped(new DisconnectedError('ended-early', resume.lastEventId || undefined));
      }
      if (result.value.byteLength === 0) continue;
      if (!sawByte) {
        sawByte = true;
        yield { type: 'first-byte' };
      }
      const text = decoder.decode(result.value, { stream: true });
      if (format === 'text') {
        markProgress();
        if (text) yield { type: 'text', text };
        continue;
      }
      parser.feed(text);
      if (queue.length === 0) {
        // Bytes without an event (comments): still silent as far as the answer goes.
        const quietFor = clock.now() - lastEventAt;
        if (!stalledOnComments && quietFor >= stallTimeoutMs) {
          stalledOnComments = true;
          yield { type: 'stalled', silentForMs: quietFor };
        }
        continue;
      }
      lastEventAt = clock.now();
      if (stalledOnComments) {
        stalledOnComments = false;
        yield { type: 'unstalled' };
      }
      const first = queue[0]!;
      if (!checkedResume) {
        checkedResume = true;
        // A server that ignores Last-Event-ID replays from the start: detect it
        // rather than show the answer twice. A continuation carries new ids, as
        // the stream it continues did; a first event without one, or with the
        // stream's very first id, starts over. (A new generation with new ids
        // shows in the protocol: the run rejects a second start event.)
        if (first.id === resumedAfter || first.id === resume.firstIdSeen) {
          throw new DisconnectedError('resume-rejected', resume.lastEventId || undefined);
        }
      }
      resume.firstIdSeen ??= first.id;
      markProgress();
      // One event per read, not per message: an async-generator step costs a few
      // microtasks, which is most of the overhead when a read carries hundreds of events.
      yield { type: 'messages', messages: queue.splice(0) };
    }
  }

  function markProgress(): void {
    resume.receivedData = true;
    streak.progress();
  }

  /**
   * The body ended, failed or went silent: a normal end if the answer was already
   * complete (its terminal event came, or e.g. Chat Completions' finish_reason with
   * only optional events to come); otherwise a drop mid-answer, resumable only when
   * events carried ids and resume is allowed, else `error` is thrown.
   */
  function dropped(error: Error): Failure | undefined {
    if (isComplete?.()) return undefined;
    // After a 2xx the server is generating: re-sending would start (and bill) a second
    // generation, so only a resume with Last-Event-ID may continue it.
    if (!policy.resume || !replayable || resume.lastEventId === '') throw error;
    return { error, kind: 'resume' };
  }

  async function* waitBeforeNext(failure: Failure): AsyncGenerator<TransportEvent, void> {
    // A resume waits for the server's `retry:` hint when it gave one (SSE reconnection time).
    const { attempt, delayMs } = streak.next(failure, resume.retryHint);
    yield { type: 'retrying', attempt, delayMs, kind: failure.kind, error: failure.error };
    await sleep(clock, delayMs, signal);
  }
}
