import type { ProtocolAdapter } from '../protocols/adapter.ts';
import { MalformedEventError } from '../protocols/errors.ts';
import type { StreamPart } from '../protocols/parts.ts';
import { StreamError } from '../sse/errors.ts';
import type { SSEMessage } from '../sse/types.ts';

/**
 * The safety net where the run calls an adapter: valid JSON of an unexpected
 * shape (a `null` where an object belongs) must end the run as a typed
 * `MalformedEventError` carrying the event, never escape as a raw `TypeError`.
 * The adapters' own typed errors pass through unchanged.
 */
export function pushSafely(adapter: ProtocolAdapter, message: SSEMessage): readonly StreamPart[] {
  try {
    return adapter.push(message);
  } catch (error) {
    if (error instanceof StreamError) throw error;
    throw new MalformedEventError(adapter.protocol, message.event, message.data, error);
  }
}
