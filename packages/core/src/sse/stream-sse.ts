/**
 * Server-Sent Events over `fetch`: unlike the browser's EventSource it can POST a
 * body, send headers, be aborted cleanly, and it tells a normal end from a drop.
 */
import { openTransport } from './transport.ts';
import type { SSEMessage, StreamSSEInit } from './types.ts';

/**
 * Streams the events of an SSE endpoint.
 *
 * Retries before the first byte (network failure, 408/429/502/503/504, honouring
 * `Retry-After`) with exponential backoff and full jitter within the retry budget;
 * resumes a dropped stream with `Last-Event-ID` when its events carried ids; throws a
 * typed error otherwise (`HttpError`, `ContentTypeError`, `NetworkError`, `StallError`,
 * `DisconnectedError`, `RetryBudgetError`) or the signal's reason on abort.
 * Breaking out of the loop closes the connection.
 *
 * @example
 * for await (const { event, data } of streamSSE('/v1/chat/completions', { method: 'POST', body })) {
 *   if (data === '[DONE]') break;
 * }
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export async function* streamSSE(
  input: string | URL | Request,
  init: StreamSSEInit = {},
): AsyncGenerator<SSEMessage, void> {
  const { onTransportEvent, ...rest } = init;
  // A Request carries its own method: defaulting one here would turn a POST into a GET.
  const isRequest = typeof Request !== 'undefined' && input instanceof Request;
  const method = init.method ?? (isRequest ? undefined : init.body ? 'POST' : 'GET');
  for await (const event of openTransport(input, { ...rest, ...(method === undefined ? {} : { method }) })) {
    if (event.type === 'messages') yield* event.messages;
    else onTransportEvent?.(event);
  }
}
