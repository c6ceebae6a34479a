import { createMockLLMHandler, type MockLLMHandlerOptions } from './handler.ts';

/** Options of {@link createMockFetch}. */
export interface MockFetchOptions extends MockLLMHandlerOptions {
  /** Origin that relative URLs (`/v1/chat/completions`) resolve against. Default `http://mock-llm.local`. */
  origin?: string;
}

/** The `fetch` signature the SDKs accept as their `fetch` option. */
export type MockFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A drop-in `fetch` that serves every request from the mock handler in
 * process: no port, no network, works in the browser (Storybook) and in Node
 * tests. Pass it as an SDK's `fetch` option, or call it like `fetch`.
 *
 * Honours `init.signal` like `fetch`: already aborted → rejects with the
 * reason; aborted later → the body stream errors with it and all timers stop.
 *
 * @example
 * const client = new OpenAI({ apiKey: 'test', baseURL: 'http://mock/v1', fetch: createMockFetch() });
 */
export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const handler = createMockLLMHandler(options);
  const origin = options.origin ?? 'http://mock-llm.local';
  return async (input, init) => {
    const resolved = typeof input === 'string' && input.startsWith('/') ? new URL(input, origin) : input;
    const request = new Request(resolved, init);
    request.signal.throwIfAborted();
    return handler(request);
  };
}
