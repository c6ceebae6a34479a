/**
 * The contract every protocol adapter follows: a push-style closure (the
 * eventsource-parser shape) that turns one SSE message into zero or more normalized
 * parts and knows whether the format's terminal event was seen.
 */
import type { SSEMessage } from '../sse/types.ts';
import { MalformedEventError } from './errors.ts';
import type { StreamPart } from './parts.ts';

/** Wire formats the adapters understand; `auto` detects from headers and the first event. */
export type StreamProtocol = 'auto' | 'openai-chat' | 'openai-responses' | 'anthropic' | 'ai-sdk' | 'text';

/** A protocol on the wire: every {@link StreamProtocol} but `auto`. */
export type WireProtocol = Exclude<StreamProtocol, 'auto'>;

/** Turns one format's messages into {@link StreamPart}s. One instance per response. */
export interface ProtocolAdapter {
  readonly protocol: WireProtocol;
  /** Consumes one message; returns the parts it produced (often none). Throws `MalformedEventError`. */
  push(message: SSEMessage): readonly StreamPart[];
  /** True once the terminal event arrived: the stream is complete and nothing more is needed. */
  readonly done: boolean;
  /**
   * True when the body may end here without losing the answer, though the terminal
   * event has not come: only optional events could still follow. Absent: same as `done`.
   */
  readonly endable?: boolean;
  /** Called when the body ended normally; returns final parts (formats whose end is the end of body). */
  end?(): readonly StreamPart[];
}

/** Whether the body ending now is a normal end rather than a dropped connection. */
export function mayEndHere(adapter: ProtocolAdapter | undefined): boolean {
  return adapter !== undefined && (adapter.done || adapter.endable === true);
}

/** Shared empty result: most messages (pings, block starts) produce nothing, so allocate nothing. */
export const NO_PARTS: readonly StreamPart[] = Object.freeze([]);

/**
 * `JSON.parse` of an event that must hold a JSON object; failures name the protocol
 * and event and carry an excerpt. Fields are then read defensively (optional chaining).
 */
export function parseData<T extends object>(protocol: WireProtocol, message: SSEMessage): Partial<T> {
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch (error) {
    throw new MalformedEventError(protocol, message.event, message.data, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedEventError(
      protocol,
      message.event,
      message.data,
      new TypeError('expected a JSON object'),
    );
  }
  return value as Partial<T>;
}

/**
 * Whether a delta is text to show. Valid JSON of the wrong shape (`"text": {}`,
 * `"delta": 5`) is ignored by every adapter, never appended as "[object Object]".
 */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
