/** What a request's `Origin` is to the collector. */
export type OriginVerdict = { allowed: true; origin: string | null } | { allowed: false; origin: string };

/**
 * The CORS allow-list. A request without `Origin` (curl, a server) and a
 * same-origin one (the collector mounted in the app's own server) are always
 * allowed. Others must be listed, exactly (`https://app.example.com`), or `*`.
 * This is enforced, not only advertised: `sendBeacon` with a text/plain body is
 * a "simple" request, which the browser sends without asking first, so the
 * collector itself refuses unlisted origins.
 */
export function checkOrigin(request: Request, allowed: readonly string[]): OriginVerdict {
  const origin = request.headers.get('origin');
  if (origin === null) return { allowed: true, origin: null };
  if (allowed.includes('*') || allowed.includes(origin) || origin === new URL(request.url).origin)
    return { allowed: true, origin };
  return { allowed: false, origin };
}

/** Headers that let an allowed origin read the answer. */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (origin === null) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-expose-headers': 'retry-after',
    'access-control-max-age': '86400',
    vary: 'origin',
  };
}
