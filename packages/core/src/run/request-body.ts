/** Turns `startStream`'s `body` option into a fetch body and headers. */

function isPlainJSON(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A plain object or array becomes JSON with `content-type: application/json` (unless
 * the caller set one); anything else is passed to `fetch` as a `BodyInit`.
 */
export function requestBody(body: unknown, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (isPlainJSON(body)) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return JSON.stringify(body);
  }
  return body as BodyInit;
}
