// Headers a browser page on another origin may read from our responses: the
// retry hint for 429s and the markers tests and the demo look at.
const EXPOSED = [
  'retry-after',
  'server-timing',
  'x-request-id',
  'request-id',
  'x-vercel-ai-ui-message-stream',
  'x-mock-preset',
  'x-mock-script',
  'x-mock-seed',
].join(', ');

// Used when a preflight does not list what it wants: the SDKs' own headers plus ours.
const DEFAULT_ALLOWED = [
  'content-type',
  'authorization',
  'x-api-key',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-dangerous-direct-browser-access',
  'openai-organization',
  'openai-project',
  'last-event-id',
  'x-mock-preset',
  'x-mock-script',
  'x-mock-seed',
  'x-mock-resumable',
  'x-mock-ttft',
  'x-mock-tps',
  'x-mock-jitter',
  'x-mock-burst',
  'x-mock-stallat',
  'x-mock-stallms',
  'x-mock-dropat',
  'x-mock-malformedat',
  'x-mock-buffer',
  'x-mock-status',
  'x-mock-retryafter',
].join(', ');

/** CORS headers for every response: any origin may call the mock (it holds no secrets). */
export function corsHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED };
}

/**
 * The answer to a CORS preflight. The requested headers are echoed back, since
 * SDKs add their own (`x-stainless-*`) and a fixed list would keep going stale.
 */
export function preflightResponse(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(),
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        request.headers.get('access-control-request-headers') ?? DEFAULT_ALLOWED,
      'access-control-max-age': '600',
    },
  });
}
