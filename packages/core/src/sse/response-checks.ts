/** Turns a response that cannot be streamed into a typed error with a short body excerpt. */
import { ContentTypeError, HttpError } from './errors.ts';
import { parseRetryAfter } from './retry-policy.ts';

const EXCERPT_CHARS = 300;
/** Enough for any provider's JSON error envelope; an HTML error page is cut here. */
const ERROR_BODY_CHARS = 16_384;

/**
 * Reads at most {@link ERROR_BODY_CHARS} of an error body (an error page can be
 * large) and cancels the rest. Stops early when `cutoff` settles: a body that never
 * ends must not turn the error into a hang.
 */
export async function readErrorBody(response: Response, cutoff?: Promise<unknown>): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < ERROR_BODY_CHARS) {
      const read = reader.read();
      const result = await (cutoff ? Promise.race([read, cutoff.then(() => undefined)]) : read);
      if (result === undefined || result.done) break;
      const { value } = result;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The body is best effort: the status already says what went wrong.
  } finally {
    reader.cancel().catch(() => {});
  }
  return text;
}

/** The body on one line, cut to {@link EXCERPT_CHARS}: short enough for a message or a log line. */
export function excerptOf(body: string): string {
  const compact = body.replace(/\s+/g, ' ').trim();
  return compact.length > EXCERPT_CHARS ? `${compact.slice(0, EXCERPT_CHARS)}…` : compact;
}

/**
 * An {@link HttpError} for a non-2xx response, with its `Retry-After` parsed. The
 * provider's message is read from the whole body, not the excerpt: a pretty-printed
 * JSON envelope is often longer than the excerpt, and cut JSON does not parse.
 */
export async function httpErrorFrom(response: Response, cutoff?: Promise<unknown>): Promise<HttpError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const body = await readErrorBody(response, cutoff);
  return new HttpError(response.status, response.statusText, excerptOf(body), retryAfterMs, body);
}

/** The media type of a response, without parameters, lower-case (`''` when absent). */
export function mimeTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Which reader a response needs: `sse` for `text/event-stream`, `text` for `text/plain`
 * when plain text is accepted, otherwise a {@link ContentTypeError} (a JSON body on a
 * 200 usually means the request forgot `stream: true`).
 */
export async function bodyFormatOf(
  response: Response,
  acceptText: boolean,
  cutoff?: Promise<unknown>,
): Promise<'sse' | 'text'> {
  const contentType = response.headers.get('content-type') ?? '';
  const mime = mimeTypeOf(response.headers);
  if (mime === 'text/event-stream') return 'sse';
  if (acceptText && mime === 'text/plain') return 'text';
  const expected = acceptText ? ['text/event-stream', 'text/plain'] : ['text/event-stream'];
  throw new ContentTypeError(contentType, expected, excerptOf(await readErrorBody(response, cutoff)));
}
