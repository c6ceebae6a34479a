/**
 * A plain `text/plain` body (AI SDK `toTextStreamResponse`, simple proxies): every
 * chunk is answer text. It has no terminal event, so the end of body is the end, and
 * a dropped connection cannot be told from a finished answer.
 */
import type { SSEMessage } from '../sse/types.ts';
import { NO_PARTS, type ProtocolAdapter } from './adapter.ts';
import type { StreamPart } from './parts.ts';

/** Creates an adapter for a plain text body; `push` takes the decoded text as `data`. */
export function createTextAdapter(): ProtocolAdapter {
  let done = false;
  return {
    protocol: 'text',
    push(message: SSEMessage): readonly StreamPart[] {
      return done || !message.data ? NO_PARTS : [{ type: 'text-delta', delta: message.data }];
    },
    get done() {
      return done;
    },
    end(): readonly StreamPart[] {
      if (done) return NO_PARTS;
      done = true;
      return [{ type: 'finish', reason: 'stop' }];
    },
  };
}
