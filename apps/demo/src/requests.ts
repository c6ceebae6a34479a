/**
 * What the demo sends to the embedded mock LLM for each wire format: the real
 * request shape of each provider, so the demo doubles as an example of pointing
 * tokenpaint at an existing backend.
 */
import type { StreamProtocol } from '@tokenpaint/react';

/** The wire formats the demo can talk; `auto` is exercised through each of them. */
export const PROTOCOLS = ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk', 'text'] as const;
export type DemoProtocol = (typeof PROTOCOLS)[number];

/** The mock's path per protocol, mounted under the demo's own origin. */
const PATHS: Record<DemoProtocol, string> = {
  'openai-chat': '/mock/v1/chat/completions',
  'openai-responses': '/mock/v1/responses',
  anthropic: '/mock/v1/messages',
  'ai-sdk': '/mock/api/chat',
  text: '/mock/v1/text',
};

/** A request the demo can hand to `<StreamingMessage>` or `startStream`. */
export interface DemoRequest {
  readonly url: string;
  readonly body: unknown;
  readonly protocol: StreamProtocol;
}

/** Which answer and which network conditions to ask the mock for. */
export interface DemoChoice {
  readonly protocol: DemoProtocol;
  readonly preset: string;
  readonly script: string;
  readonly prompt: string;
  /** Per-request timing overrides for the mock (`tps`, `ttft`, `dropAt`, …), forwarded as is. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** The mock's per-request knobs the demo forwards from its own query string. */
export const MOCK_OVERRIDES = [
  'seed',
  'ttft',
  'tps',
  'jitter',
  'burst',
  'stallAt',
  'stallMs',
  'dropAt',
  'malformedAt',
  'status',
  'retryAfter',
  'resumable',
] as const;

/** Builds the provider-shaped request for one choice. */
export function buildRequest({ protocol, preset, script, prompt, overrides = {} }: DemoChoice): DemoRequest {
  const query = new URLSearchParams({ preset, script, ...overrides });
  const url = `${PATHS[protocol]}?${query}`;
  const user = { role: 'user', content: prompt };
  switch (protocol) {
    case 'openai-chat':
      return { url, protocol, body: { model: 'mock-1', stream: true, messages: [user] } };
    case 'openai-responses':
      return { url, protocol, body: { model: 'mock-1', stream: true, input: prompt } };
    case 'anthropic':
      return { url, protocol, body: { model: 'mock-1', max_tokens: 4096, stream: true, messages: [user] } };
    case 'ai-sdk':
      return {
        url,
        protocol,
        body: { messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: prompt }] }] },
      };
    case 'text':
      return { url, protocol, body: { prompt } };
  }
}
