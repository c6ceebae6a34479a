/** Turns a response that cannot be streamed into a typed error with a short body excerpt. */
import { ContentTypeError, HttpError } from './errors.ts';
import { parseRetryAfter } from './retry-policy.ts';

const EXCERPT_CHARS = 300;

/**
 * Reads at most a few KB of the body (an error page can be large) and cancels the rest.
 * Stops early when `cutoff` settles: a body that never ends must not turn the error
 * into a hang.
 */
export async function readExcerpt(response: Response, cutoff?: Promise<unknown>): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT_CHARS * 4) {
      const read = reader.read();
      const result = await (cutoff ? Promise.race([read, cutoff.then(() => undefined)]) : read);
      if (result === undefined || result.done) break;
      const { value } = result;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The excerpt is best effort: the status already says what went wrong.
  } finally {
    reader.cancel().catch(() => {});
  }
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact.length > EXCERPT_CHARS ? `${compact.slice(0, EXCERPT_CHARS)}…` : compact;
}

/** An {@link HttpError} for a non-2xx response, with its `Retry-After` parsed. */
export async function httpErrorFrom(response: Response, cutoff?: Promise<unknown>): Promise<HttpError> {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return new HttpError(
    response.status,
    response.statusText,
    await readExcerpt(response, cutoff),
    retryAfterMs,
  );
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
  throw new ContentTypeError(contentType, expected, await readExcerpt(response, cutoff));
}
