/**
 * Typed failures of the transport. Every way a stream can go wrong ends in one of
 * these (never a silent hang), each carrying what a UI or a log needs to explain it.
 * Text already received is never held by the error: the run keeps it in its snapshot.
 */

/** Base class of every error the stream core raises; `instanceof StreamError` catches them all. */
export class StreamError extends Error {
  override name = 'StreamError';
}

/**
 * The human-readable message inside a provider's JSON error body: OpenAI's
 * `{ error: { message } }`, Anthropic's `{ type: 'error', error: { message } }`,
 * and the common `{ message }` / `{ error: '…' }`. Undefined when the body is not
 * such JSON (an HTML error page, a cut excerpt), so callers fall back to the raw text.
 */
export function providerErrorMessage(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { error, message } = parsed as { error?: unknown; message?: unknown };
  if (typeof error === 'string' && error) return error;
  if (typeof error === 'object' && error !== null) {
    const inner = (error as { message?: unknown }).message;
    if (typeof inner === 'string' && inner) return inner;
  }
  return typeof message === 'string' && message ? message : undefined;
}

/** The server answered with a non-2xx status. */
export class HttpError extends StreamError {
  override name = 'HttpError';
  readonly status: number;
  readonly statusText: string;
  /** The first ~300 characters of the body, usually the provider's error message. */
  readonly bodyExcerpt: string;
  /** The provider's own message from a JSON error body, when there is one. */
  readonly providerMessage: string | undefined;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** `body`: the error body as read (longer than the excerpt); the provider's message is looked for in it. */
  constructor(
    status: number,
    statusText: string,
    bodyExcerpt: string,
    retryAfterMs?: number,
    body = bodyExcerpt,
  ) {
    const providerMessage = providerErrorMessage(body);
    // The provider's sentence reads better in a UI than its JSON envelope.
    const detail = providerMessage ?? bodyExcerpt;
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ''}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.statusText = statusText;
    this.bodyExcerpt = bodyExcerpt;
    this.providerMessage = providerMessage;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The response is not an event stream (or plain text where text is accepted). */
export class ContentTypeError extends StreamError {
  override name = 'ContentTypeError';
  readonly contentType: string;
  readonly expected: readonly string[];
  readonly bodyExcerpt: string;
  constructor(contentType: string, expected: readonly string[], bodyExcerpt: string) {
    super(
      `Expected ${expected.join(' or ')} but the response is "${contentType || 'no content-type'}"` +
        `${bodyExcerpt ? `: ${bodyExcerpt}` : ''}. Check the URL, and that the server streams (e.g. \`stream: true\` in the body).`,
    );
    this.contentType = contentType;
    this.expected = expected;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/** `fetch` itself failed (DNS, connection refused, CORS, offline): nothing reached us. */
export class NetworkError extends StreamError {
  override name = 'NetworkError';
  constructor(cause: unknown) {
    super(`Network request failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** No byte arrived for longer than the stall budget, and the connection could not be resumed. */
export class StallError extends StreamError {
  override name = 'StallError';
  /** How long the connection was silent, in milliseconds. */
  readonly silentForMs: number;
  /** Whether the silence began before the response headers, before the first body byte, or mid-stream. */
  readonly phase: 'before-response' | 'before-first-byte' | 'mid-stream';
  constructor(silentForMs: number, phase: StallError['phase']) {
    super(
      `No data for ${Math.round(silentForMs)} ms (${phase}). A proxy may be buffering the response ` +
        '(send `X-Accel-Buffering: no` / disable response buffering) or the server hung.',
    );
    this.silentForMs = silentForMs;
    this.phase = phase;
  }
}

/**
 * The connection ended before the protocol's terminal event and could not be resumed.
 * The request is deliberately not re-sent: a second POST would start (and bill) a second generation.
 */
export class DisconnectedError extends StreamError {
  override name = 'DisconnectedError';
  /**
   * `ended-early`: the body closed cleanly without the terminal event;
   * `connection-lost`: reading the body failed; `resume-rejected`: the server
   * answered a resume request by starting over or refusing it.
   */
  readonly reason: 'ended-early' | 'connection-lost' | 'resume-rejected';
  /** The last event id received, when the stream carried ids. */
  readonly lastEventId: string | undefined;
  constructor(reason: DisconnectedError['reason'], lastEventId: string | undefined, cause?: unknown) {
    const hint =
      lastEventId === undefined
        ? ' The stream carried no event ids, so it cannot be resumed without starting a new generation.'
        : '';
    super(`Stream disconnected (${reason}) before it finished.${hint}`, { cause });
    this.reason = reason;
    this.lastEventId = lastEventId;
  }
}

/** The retry budget (attempts or wall-clock time) ran out; `cause` is the last failure. */
export class RetryBudgetError extends StreamError {
  override name = 'RetryBudgetError';
  readonly attempts: number;
  readonly elapsedMs: number;
  constructor(attempts: number, elapsedMs: number, cause: unknown, why: string) {
    const last = cause instanceof Error ? cause.message : String(cause);
    super(
      `Gave up after ${attempts} attempt(s) in ${Math.round(elapsedMs)} ms (${why}). Last error: ${last}`,
      {
        cause,
      },
    );
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }
}
