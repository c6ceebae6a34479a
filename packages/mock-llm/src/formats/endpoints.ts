import type { MockProtocol } from '../client-request.ts';
import { encodeAISDKUIMessages } from './ai-sdk-ui.ts';
import { encodeAnthropicMessages } from './anthropic-messages.ts';
import type { FormatEncoder } from './format-context.ts';
import { encodeOpenAIChat } from './openai-chat.ts';
import { encodeOpenAIResponses } from './openai-responses.ts';
import { encodePlainText } from './plain-text.ts';

/** Which provider's error shape an endpoint answers with. */
export type ErrorStyle = 'openai' | 'anthropic';

/** One streaming endpoint of the mock. */
export interface MockEndpoint {
  /** Path below the handler's base path. */
  path: string;
  /** The wire format, named as `@tokenpaint/core`'s `protocol` option and the mock's clients name it. */
  format: MockProtocol;
  description: string;
  /** Server-Sent Events (ids, resume, malformed events apply) or a raw byte stream. */
  sse: boolean;
  /** The body must say `stream: true`, as the real API requires for streaming. */
  requiresStreamFlag: boolean;
  encode: FormatEncoder;
  /** Response headers besides CORS. */
  headers: Record<string, string>;
  errorStyle: ErrorStyle;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Tells nginx-style proxies not to buffer (the buffered-proxy preset simulates the case where one still does).
  'x-accel-buffering': 'no',
};

/** Every endpoint the handler serves, in documentation order. */
export const ENDPOINTS: readonly MockEndpoint[] = [
  {
    path: '/v1/chat/completions',
    format: 'openai-chat',
    description: 'OpenAI Chat Completions (stream: true): chat.completion.chunk data lines, then [DONE]',
    sse: true,
    requiresStreamFlag: true,
    encode: encodeOpenAIChat,
    headers: SSE_HEADERS,
    errorStyle: 'openai',
  },
  {
    path: '/v1/responses',
    format: 'openai-responses',
    description: 'OpenAI Responses API (stream: true): named response.* events with sequence_number',
    sse: true,
    requiresStreamFlag: true,
    encode: encodeOpenAIResponses,
    headers: SSE_HEADERS,
    errorStyle: 'openai',
  },
  {
    path: '/v1/messages',
    format: 'anthropic',
    description: 'Anthropic Messages (stream: true): message_start … message_stop named events',
    sse: true,
    requiresStreamFlag: true,
    encode: encodeAnthropicMessages,
    headers: SSE_HEADERS,
    errorStyle: 'anthropic',
  },
  {
    path: '/api/chat',
    format: 'ai-sdk',
    description: 'Vercel AI SDK UI message stream v1 (useChat): data lines of UI chunks, then [DONE]',
    sse: true,
    requiresStreamFlag: false,
    encode: encodeAISDKUIMessages,
    headers: { ...SSE_HEADERS, 'x-vercel-ai-ui-message-stream': 'v1' },
    errorStyle: 'openai',
  },
  {
    path: '/v1/text',
    format: 'text',
    description: 'Plain text/plain stream of the answer text, no framing',
    sse: false,
    requiresStreamFlag: false,
    encode: encodePlainText,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
    errorStyle: 'openai',
  },
];

const ERROR_TYPES: Record<ErrorStyle, Record<number, string>> = {
  openai: { 400: 'invalid_request_error', 404: 'invalid_request_error', 429: 'requests' },
  // https://docs.anthropic.com/en/api/errors
  anthropic: {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    405: 'invalid_request_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    500: 'api_error',
    529: 'overloaded_error',
  },
};

/**
 * An error body in the provider's own shape, so its SDK surfaces `message`:
 * OpenAI `{error: {message, type, param, code}}`, Anthropic
 * `{type: "error", error: {type, message}}`.
 */
export function errorBody(
  style: ErrorStyle,
  status: number,
  message: string,
  param: string | null = null,
): object {
  const fallback =
    status >= 500 ? (style === 'anthropic' ? 'api_error' : 'server_error') : 'invalid_request_error';
  const type = ERROR_TYPES[style][status] ?? fallback;
  if (style === 'anthropic') return { type: 'error', error: { type, message } };
  return { error: { message, type, param, code: status === 429 ? 'rate_limit_exceeded' : null } };
}
