/**
 * Provider-shaped requests to the in-browser mock LLM. Every story streams from
 * `createMockFetch()`, so Storybook needs no server and a story's network
 * conditions live entirely in its URL (`?preset=bursty&script=markdown&ttft=…`).
 */
import type { StreamProtocol } from '@tokenpaint/core';
import {
  buildMockRequest,
  createMockFetch,
  MOCK_PROTOCOLS,
  type MockClientRequest,
  type MockFetch,
  type MockProtocol,
  type PresetName,
  type ScriptName,
  mockUrl as sharedMockUrl,
} from '@tokenpaint/mock-llm';

/** The wire formats the mock speaks: every `StreamProtocol` but `auto`. */
export type WireFormat = MockProtocol;

/** Every wire format, in the order the protocol stories list them (checked against the core's names). */
export const WIRE_FORMATS = MOCK_PROTOCOLS satisfies readonly (WireFormat & StreamProtocol)[];

/**
 * Overrides of a preset's numbers (see the mock's README): a story that must hold
 * a state (waiting, stalled, retrying) stretches the matching number.
 */
export type MockOverrides = {
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
};

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
export type MockRequest = MockClientRequest;

/** One mock shared by every story: it holds no state between requests. */
export const mockFetch: MockFetch = createMockFetch();

/** The mock's own builders, typed to the story args (preset and script names, typed overrides). */
export const mockUrl: (choice: MockChoice) => string = sharedMockUrl;
export const mockRequest: (choice: MockChoice) => MockRequest = buildMockRequest;

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
