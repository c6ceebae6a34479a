/** Test helpers: feed SSE text through eventsource-parser into an adapter, and fold parts into a summary. */
import { createParser } from 'eventsource-parser';
import type { SSEMessage } from '../sse/types.ts';
import type { ProtocolAdapter } from './adapter.ts';
import type { StreamPart } from './parts.ts';

/** Parses `text` as an event stream and pushes each message into `adapter`; returns every part. */
export function pushSSE(adapter: ProtocolAdapter, text: string): StreamPart[] {
  const parts: StreamPart[] = [];
  const parser = createParser({
    onEvent: (event) => {
      const message: SSEMessage = { event: event.event ?? 'message', data: event.data };
      parts.push(...adapter.push(message));
    },
  });
  parser.feed(text);
  return parts;
}

/** What a sequence of parts adds up to. */
export interface Folded {
  text: string;
  reasoning: string;
  tools: Record<string, { name: string; args: string; ended: boolean; result?: unknown }>;
  finish?: StreamPart;
  errors: StreamPart[];
  meta: Record<string, unknown>;
}

/** Folds parts, asserting tool-call invariants (start before delta/end, nothing after end). */
export function fold(parts: readonly StreamPart[]): Folded {
  const out: Folded = { text: '', reasoning: '', tools: {}, errors: [], meta: {} };
  for (const part of parts) {
    if (out.finish) throw new Error(`part after finish: ${part.type}`);
    switch (part.type) {
      case 'text-delta':
        out.text += part.delta;
        break;
      case 'reasoning-delta':
        out.reasoning += part.delta;
        break;
      case 'tool-call-start':
        if (out.tools[part.id]) throw new Error(`duplicate start ${part.id}`);
        out.tools[part.id] = { name: part.name, args: '', ended: false };
        break;
      case 'tool-call-delta': {
        const call = out.tools[part.id];
        if (!call || call.ended) throw new Error(`delta for ${call ? 'ended' : 'unknown'} call ${part.id}`);
        call.args += part.argsDelta;
        break;
      }
      case 'tool-call-end': {
        const call = out.tools[part.id];
        if (!call || call.ended) throw new Error(`end for ${call ? 'ended' : 'unknown'} call ${part.id}`);
        call.ended = true;
        break;
      }
      case 'tool-result': {
        const call = out.tools[part.id];
        if (!call) throw new Error(`result for unknown call ${part.id}`);
        call.result = part.result;
        break;
      }
      case 'finish':
        out.finish = part;
        break;
      case 'error':
        out.errors.push(part);
        break;
      case 'meta':
        out.meta[part.key] = part.value;
        break;
    }
  }
  return out;
}
