/**
 * What the demo sends to the embedded mock LLM: the real request shape of each
 * provider (built by the mock's `buildMockRequest`), so the demo doubles as an
 * example of pointing tokenpaint at an existing backend.
 */
import {
  buildMockRequest,
  MOCK_PROTOCOLS,
  type MockClientRequest,
  type MockProtocol,
} from '@tokenpaint/mock-llm';

/** The wire formats the demo can talk; `auto` is exercised through each of them. */
export const PROTOCOLS = MOCK_PROTOCOLS;
export type DemoProtocol = MockProtocol;

/** A request the demo can hand to `<StreamingMessage>` or `startStream`. */
export type DemoRequest = MockClientRequest;

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
  'serverTiming',
  'handshake',
  'buffer',
] as const;

/** Builds the provider-shaped request for one choice, at the mock mounted under `/mock`. */
export function buildRequest(choice: DemoChoice): DemoRequest {
  return buildMockRequest({ ...choice, basePath: '/mock' });
}

/**
 * The mock's warm-up route for a choice: it carries the same `handshake`, so the
 * warm-up pays the fresh connection's cost and the answer's request does not.
 */
export function warmUpUrl(choice: DemoChoice): string {
  const handshake = choice.overrides?.handshake;
  return handshake === undefined ? '/mock/warm' : `/mock/warm?handshake=${encodeURIComponent(handshake)}`;
}
