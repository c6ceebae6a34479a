import { corsHeaders, preflightResponse } from './cors.ts';
import { MockRequestError } from './errors.ts';
import { ENDPOINTS, type ErrorStyle, errorBody, type MockEndpoint } from './formats/endpoints.ts';
import type { FormatContext } from './formats/format-context.ts';
import { type MockClock, realClock } from './profiles/clock.ts';
import { planDelivery } from './profiles/delivery-plan.ts';
import { type MockRequestOptions, parseRequestOptions } from './request-options.ts';
import { limitTokens } from './scripts/limit-tokens.ts';
import { SCRIPTS } from './scripts/registry.ts';
import { serviceIndex, WARM_PATH } from './service-index.ts';
import { createDeliveryStream } from './stream/delivery-stream.ts';

/** Header of the 404 for a path the mock does not serve (as opposed to a simulated `status=404`). */
export const UNKNOWN_PATH_HEADER = 'x-mock-unknown-path';

/** `mock`, `/mock/` and `/mock` all mean `/mock`; `''` and `/` mean the root (`''`). */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Options of {@link createMockLLMHandler}. */
export interface MockLLMHandlerOptions {
  /** Prefix every endpoint lives under, e.g. `/mock` → `/mock/v1/chat/completions`. Default `''`. */
  basePath?: string;
  /** Time source for the timing profiles; default {@link realClock} (`setTimeout`). */
  clock?: MockClock;
  /** The `retry:` hint (ms) sent first on resumable streams. Default 1000. */
  retryMs?: number;
}

/** A Fetch-standard request handler: runs in Node, in a Service Worker or in-page as a fake `fetch`. */
export type MockLLMHandler = (request: Request) => Promise<Response>;

function json(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...corsHeaders(), ...headers },
  });
}

function errorResponse(
  style: ErrorStyle,
  error: MockRequestError,
  headers: Record<string, string> = {},
): Response {
  return json(error.status, errorBody(style, error.status, error.message, error.param ?? null), headers);
}

/**
 * The cheap request a page sends to open its connection before the user
 * submits: no body, no model, nothing cached. With `handshake=<ms>` on a Node
 * server it pays the fresh connection's cost, so the model request after it
 * does not.
 */
function warmResponse(request: Request): Response {
  if (request.method === 'OPTIONS') return preflightResponse(request);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const error = new MockRequestError(`${WARM_PATH} accepts GET or HEAD, not ${request.method}.`, {
      status: 405,
    });
    return errorResponse('openai', error, { allow: 'GET, HEAD, OPTIONS' });
  }
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', ...corsHeaders() } });
}

async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  // An empty body is an empty request (handy for curl against /v1/text); the
  // endpoints that need fields then say which one is missing.
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new MockRequestError(`Request body is not valid JSON (${detail}).`, { param: 'body' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockRequestError('Request body must be a JSON object.', { param: 'body' });
  }
  return body as Record<string, unknown>;
}

function formatContext(options: MockRequestOptions, body: Record<string, unknown>): FormatContext {
  const prompt = body.messages ?? body.input ?? body.prompt ?? '';
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    script: limitTokens(SCRIPTS[options.script], options.maxTokens),
    model: typeof body.model === 'string' ? body.model : 'mock-llm',
    responseId: `mock-${options.script}-${options.seed}`,
    inputTokens: Math.max(1, Math.ceil(JSON.stringify(prompt).length / 4)),
    includeUsage: streamOptions?.include_usage === true,
  };
}

async function serveEndpoint(
  endpoint: MockEndpoint,
  request: Request,
  url: URL,
  clock: MockClock,
  retryMs: number,
  startedAt: number,
): Promise<Response> {
  const options = parseRequestOptions(url, request.headers);
  if (options.resumable && !endpoint.sse) {
    throw new MockRequestError(
      `resumable=1 needs an SSE endpoint; ${endpoint.path} is a plain byte stream.`,
      {
        param: 'resumable',
      },
    );
  }
  const { profile } = options;
  if (profile.status !== null) {
    const message =
      profile.status === 429
        ? 'Rate limit reached (simulated by mock-llm). Retry after the Retry-After delay.'
        : `Simulated upstream failure (mock-llm status=${profile.status}).`;
    const headers: Record<string, string> =
      profile.retryAfter === null ? {} : { 'retry-after': String(profile.retryAfter) };
    await request.body?.cancel();
    return json(profile.status, errorBody(endpoint.errorStyle, profile.status, message), headers);
  }

  const body = await readJsonBody(request);
  if (endpoint.requiresStreamFlag && body.stream !== true) {
    throw new MockRequestError(`mock-llm only streams: send "stream": true to ${endpoint.path}.`, {
      param: 'stream',
    });
  }
  const events = endpoint.encode(formatContext(options, body));
  const resumeAfter = options.lastEventId ?? -1;
  if (resumeAfter >= events.length) {
    throw new MockRequestError(
      `Last-Event-ID ${resumeAfter} is past the end of this response (last id ${events.length - 1}).`,
      { param: 'Last-Event-ID' },
    );
  }
  const plan = planDelivery({
    events,
    sse: endpoint.sse,
    profile,
    seed: options.seed,
    resumable: options.resumable,
    resumeAfter,
    retryMs,
  });
  const serverTiming: Record<string, string> = {};
  if (options.serverTimingMs !== null) {
    await clock.sleep(options.serverTimingMs, request.signal);
    serverTiming['server-timing'] = `retrieval;dur=${options.serverTimingMs};desc="mock retrieval"`;
  }
  return new Response(createDeliveryStream(plan, clock, request, startedAt), {
    status: 200,
    headers: {
      ...endpoint.headers,
      ...serverTiming,
      ...corsHeaders(),
      'x-request-id': `req_${options.script}_${options.seed}`,
      'x-mock-preset': options.preset,
      'x-mock-script': options.script,
      'x-mock-seed': String(options.seed),
    },
  });
}

/**
 * Creates the mock LLM server as a Fetch-standard handler. The same function
 * backs the Node server (`listen`), the in-process `createMockFetch`, and any
 * Fetch-style host (Service Worker, MSW, Hono, Bun.serve).
 *
 * Routes: `POST /v1/chat/completions`, `/v1/responses`, `/v1/messages`,
 * `/api/chat`, `/v1/text`; `GET /` lists them; `GET|HEAD /warm` answers 204 (a
 * connection warm-up); `OPTIONS` answers CORS
 * preflights. Bad requests get 400 (unknown path 404, wrong method 405) with a
 * JSON body in the provider's error shape whose `message` says what is wrong.
 *
 * @example
 * const handler = createMockLLMHandler();
 * const response = await handler(new Request('http://mock/v1/text?preset=instant', { method: 'POST', body: '{}' }));
 * await response.text(); // === SCRIPTS.text.text
 */
export function createMockLLMHandler(options: MockLLMHandlerOptions = {}): MockLLMHandler {
  const basePath = normalizeBasePath(options.basePath ?? '');
  const clock = options.clock ?? realClock;
  const retryMs = options.retryMs ?? 1000;

  return async (request) => {
    const startedAt = clock.now();
    const url = new URL(request.url);
    const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inside ? url.pathname.slice(basePath.length) || '/' : null;
    if (path === WARM_PATH) return warmResponse(request);
    const endpoint = ENDPOINTS.find((candidate) => candidate.path === path);
    if (endpoint === undefined && path !== '/') {
      const known = ENDPOINTS.map((candidate) => basePath + candidate.path).join(', ');
      const error = new MockRequestError(`No mock endpoint at ${url.pathname}. Endpoints: ${known}.`, {
        status: 404,
      });
      // Marked, so middleware passes the request on without confusing it with a simulated `status=404`.
      return errorResponse('openai', error, { [UNKNOWN_PATH_HEADER]: '1' });
    }
    // Preflights only for the mock's own paths: mounted as middleware, others belong to the app.
    if (request.method === 'OPTIONS') return preflightResponse(request);
    if (endpoint === undefined) {
      if (request.method === 'GET' || request.method === 'HEAD') return json(200, serviceIndex(basePath));
      const error = new MockRequestError(
        `${basePath || '/'} accepts GET (the index), not ${request.method}.`,
        {
          status: 405,
        },
      );
      return errorResponse('openai', error, { allow: 'GET, HEAD, OPTIONS' });
    }
    if (request.method !== 'POST') {
      const error = new MockRequestError(`${endpoint.path} accepts POST, not ${request.method}.`, {
        status: 405,
      });
      return errorResponse(endpoint.errorStyle, error, { allow: 'POST, OPTIONS' });
    }
    try {
      return await serveEndpoint(endpoint, request, url, clock, retryMs, startedAt);
    } catch (error) {
      if (error instanceof MockRequestError) return errorResponse(endpoint.errorStyle, error);
      throw error;
    }
  };
}
