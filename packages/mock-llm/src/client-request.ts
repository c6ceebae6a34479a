/**
 * Requests *to* the mock, as a client sends them: each provider's own body shape
 * at the matching endpoint, with the preset, script and overrides in the query.
 * The demo and the stories both build their requests here, so a change of path
 * or body shape is made once.
 */

/** The wire formats, named as `@tokenpaint/core`'s `protocol` option names them (one vocabulary everywhere). */
export const MOCK_PROTOCOLS = ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk', 'text'] as const;

/** A wire format the mock speaks, by its client-side protocol name. */
export type MockProtocol = (typeof MOCK_PROTOCOLS)[number];

const PATHS: Record<MockProtocol, string> = {
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  anthropic: '/v1/messages',
  'ai-sdk': '/api/chat',
  text: '/v1/text',
};

/** What to ask the mock for. */
export interface MockRequestChoice {
  readonly protocol: MockProtocol;
  readonly preset?: string | undefined;
  readonly script?: string | undefined;
  /** Per-request overrides (`ttft`, `tps`, `dropAt`, `resumable`, …); `undefined` ones are left out, booleans sent as 1/0. */
  readonly overrides?: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  /** The user's message (the mock ignores it; it makes the body realistic). */
  readonly prompt?: string | undefined;
  /** Where the mock is mounted (`/mock` in the demo); default none. */
  readonly basePath?: string | undefined;
}

/** A request ready for `startStream` or `<StreamingMessage>`. */
export interface MockClientRequest {
  readonly url: string;
  readonly body: unknown;
  readonly protocol: MockProtocol;
}

/** The body each provider's API takes, so a request to the mock doubles as an example of that API. */
export function providerBody(protocol: MockProtocol, prompt: string): unknown {
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

/** The mock URL of a choice, e.g. `/mock/v1/messages?preset=stall&script=text&stallMs=600000`. */
export function mockUrl({
  protocol,
  preset,
  script,
  overrides = {},
  basePath = '',
}: MockRequestChoice): string {
  const query = new URLSearchParams();
  if (preset !== undefined) query.set('preset', preset);
  if (script !== undefined) query.set('script', script);
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    query.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const search = query.size > 0 ? `?${query}` : '';
  return `${basePath}${PATHS[protocol]}${search}`;
}

/** The URL, provider-shaped body and protocol of a choice. */
export function buildMockRequest(choice: MockRequestChoice): MockClientRequest {
  return {
    url: mockUrl(choice),
    body: providerBody(choice.protocol, choice.prompt ?? 'Tell me about streaming UIs.'),
    protocol: choice.protocol,
  };
}
