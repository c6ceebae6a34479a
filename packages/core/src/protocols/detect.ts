/**
 * `protocol: 'auto'`: tell the wire format from the response headers, else from the
 * first event. Headers first because they cost nothing; but cross-origin responses
 * hide custom headers unless the server exposes them, so the first event decides too.
 */

import { mimeTypeOf } from '../sse/response-checks.ts';
import type { SSEMessage } from '../sse/types.ts';
import type { ProtocolAdapter, WireProtocol } from './adapter.ts';
import { createAISDKAdapter } from './ai-sdk.ts';
import { createAnthropicAdapter } from './anthropic.ts';
import { createOpenAIChatAdapter } from './openai-chat.ts';
import { createOpenAIResponsesAdapter } from './openai-responses.ts';
import { createTextAdapter } from './text.ts';

const FACTORIES: Record<WireProtocol, () => ProtocolAdapter> = {
  'openai-chat': createOpenAIChatAdapter,
  'openai-responses': createOpenAIResponsesAdapter,
  anthropic: createAnthropicAdapter,
  'ai-sdk': createAISDKAdapter,
  text: createTextAdapter,
};

/** A fresh adapter for `protocol`. */
export function createAdapter(protocol: WireProtocol): ProtocolAdapter {
  return FACTORIES[protocol]();
}

/** `text` for a `text/plain` body, `ai-sdk` for the UI message stream header, else undefined. */
export function protocolFromHeaders(headers: Headers): WireProtocol | undefined {
  if (mimeTypeOf(headers) === 'text/plain') return 'text';
  if (headers.has('x-vercel-ai-ui-message-stream')) return 'ai-sdk';
  return undefined;
}

/**
 * The AI SDK UI message stream's chunk types (ai@7's `uiMessageChunkSchema`),
 * any of which may open a stream (a server may write sources, files or metadata
 * before `start`). None is used by the other formats; `error` is told apart below.
 */
const AI_SDK_FIRST = new Set([
  'start',
  'start-step',
  'finish-step',
  'finish',
  'abort',
  'message-metadata',
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-available',
  'tool-input-error',
  'tool-approval-request',
  'tool-output-available',
  'tool-output-error',
  'tool-output-denied',
  'source-url',
  'source-document',
  'file',
]);

/** Detects the protocol from the first SSE event, or undefined when it is not recognizable. */
export function protocolFromMessage(message: SSEMessage): WireProtocol | undefined {
  if (message.event === 'message_start') return 'anthropic';
  if (message.event.startsWith('response.')) return 'openai-responses';
  let data: {
    object?: unknown;
    type?: unknown;
    errorText?: unknown;
    sequence_number?: unknown;
    error?: unknown;
    choices?: unknown;
  };
  try {
    data = JSON.parse(message.data);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  if (data.object === 'chat.completion.chunk') return 'openai-chat';
  const type = typeof data.type === 'string' ? data.type : undefined;
  // Azure OpenAI opens with a prompt-filter chunk whose `object` is "" and `choices` empty.
  if (type === undefined)
    return data.error !== undefined || Array.isArray(data.choices) ? 'openai-chat' : undefined;
  if (type === 'message_start' || type === 'ping') return 'anthropic';
  if (type.startsWith('response.')) return 'openai-responses';
  // A UI message stream may open with the app's own `data-*` parts or metadata, written before the model's `start`.
  if (AI_SDK_FIRST.has(type) || type.startsWith('data-')) return 'ai-sdk';
  if (type === 'error') {
    if (data.errorText !== undefined) return 'ai-sdk';
    // Responses events carry a sequence_number; Anthropic's error event does not.
    if (data.sequence_number !== undefined) return 'openai-responses';
    return typeof data.error === 'object' ? 'anthropic' : 'openai-responses';
  }
  return undefined;
}
