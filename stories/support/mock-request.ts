/**
 * Provider-shaped requests to the in-browser mock LLM. Every story streams from
 * `createMockFetch()`, so Storybook needs no server and a story's network
 * conditions live entirely in its URL (`?preset=bursty&script=markdown&ttft=…`).
 */
import type { StreamProtocol } from '@tokenpaint/core';
import { createMockFetch, type MockFetch, type PresetName, type ScriptName } from '@tokenpaint/mock-llm';

/**
 * The wire formats the mock speaks: every `StreamProtocol` but `auto` (spelled out
 * so Storybook's docs show the names; `WIRE_FORMATS` below checks it against the core).
 */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'ai-sdk' | 'text';

/** Every wire format, in the order the protocol stories list them. */
export const WIRE_FORMATS = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ai-sdk',
  'text',
] as const satisfies readonly (WireFormat & StreamProtocol)[];

/** The mock endpoint of each wire format. */
const PATHS: Record<WireFormat, string> = {
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  anthropic: '/v1/messages',
  'ai-sdk': '/api/chat',
  text: '/v1/text',
};

/**
 * Overrides of a preset's numbers (see the mock's README): a story that must hold
 * a state (waiting, stalled, retrying) stretches the matching number.
 */
export interface MockOverrides {
  readonly ttft?: number;
  readonly tps?: number | 'inf';
  readonly jitter?: number;
  readonly burst?: number;
  readonly stallAt?: number | 'off';
  readonly stallMs?: number;
  readonly dropAt?: number | 'off';
  readonly malformedAt?: number | 'off';
  readonly status?: number;
  readonly retryAfter?: number;
  readonly seed?: number;
  readonly resumable?: boolean;
}

/** What to ask the mock for. */
export interface MockChoice {
  readonly protocol: WireFormat;
  readonly preset: PresetName;
  readonly script: ScriptName;
  readonly overrides?: MockOverrides | undefined;
  /** The user's message (the mock ignores it; it shapes a realistic body). */
  readonly prompt?: string | undefined;
}

/** A request ready for `<StreamingMessage>` or `startStream`. */
export interface MockRequest {
  readonly url: string;
  readonly body: unknown;
  readonly protocol: WireFormat;
}

/** One mock shared by every story: it holds no state between requests. */
export const mockFetch: MockFetch = createMockFetch();

/** The mock URL of a choice, e.g. `/v1/messages?preset=stall&script=text&stallMs=600000`. */
export function mockUrl({ protocol, preset, script, overrides = {} }: MockChoice): string {
  const query = new URLSearchParams({ preset, script });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    query.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return `${PATHS[protocol]}?${query}`;
}

/** A body in the provider's own shape, so each story doubles as an example of that API. */
export function mockBody(protocol: WireFormat, prompt: string): unknown {
  const user = { role: 'user', content: prompt };
  switch (protocol) {
    case 'openai-chat':
      return { model: 'mock-1', stream: true, messages: [user] };
    case 'openai-responses':
      return { model: 'mock-1', stream: true, input: prompt };
    case 'anthropic':
      return { model: 'mock-1', max_tokens: 4096, stream: true, messages: [user] };
    case 'ai-sdk':
      return { messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: prompt }] }] };
    case 'text':
      return { prompt };
  }
}

/** The URL, body and protocol of a choice. */
export function mockRequest(choice: MockChoice): MockRequest {
  return {
    url: mockUrl(choice),
    body: mockBody(choice.protocol, choice.prompt ?? 'Tell me about streaming UIs.'),
    protocol: choice.protocol,
  };
}

/**
 * The mock behind a server that takes `delayMs` to send its headers: the run stays
 * `connecting` meanwhile (the mock itself answers headers at once). Aborting the
 * request ends the wait, as it would on a real connection.
 */
export function delayedHeadersFetch(delayMs: number): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        mockFetch(input, init).then(resolve, reject);
      }, delayMs);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
