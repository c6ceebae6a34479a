/**
 * One protocol event before framing, as a format encoder emits it. The
 * delivery planner decides when it is written; `formatSseEvent` frames it.
 */
export interface WireEvent {
  /** SSE `event:` name, for formats that send one (Responses, Anthropic). */
  event?: string;
  /** The `data:` payload (JSON text), or the raw bytes of a non-SSE format. */
  data: string;
  /**
   * Whether this event carries one model token. Only token events are timed by
   * the profile; the others (block starts, stops, finish) ride along with the
   * token before them, as real servers flush them together.
   */
  token: boolean;
}

/**
 * Frames one event as Server-Sent Events text.
 * Spec: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 *
 * @param event - The event; a payload with newlines becomes several `data:` lines.
 * @param id - The `id:` field, sent only on resumable streams.
 */
export function formatSseEvent(event: Pick<WireEvent, 'event' | 'data'>, id?: string): string {
  let text = id === undefined ? '' : `id: ${id}\n`;
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  for (const line of event.data.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * A deliberately broken copy of an event: its JSON payload cut in half. A strict
 * prefix of a JSON object is never valid JSON, so every client's `JSON.parse`
 * fails on it, which is the failure this simulates (a proxy mangling a line).
 */
export function malformedSseEvent(event: Pick<WireEvent, 'event' | 'data'>): string {
  return formatSseEvent({ ...event, data: event.data.slice(0, Math.ceil(event.data.length / 2)) });
}
