/**
 * When does a component that owns its run start a new request? When what it
 * would send changes: URL, method, protocol, body or headers compared by value,
 * so an inline `body={{ messages }}` does not restart the stream on every render.
 * Callbacks (`fetch`, `clock`) and policies are read at start time and never restart it.
 */
import type { StartStreamOptions } from '@tokenpaint/core';

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

function identity(value: object): string {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return `#${id}`;
}

function isPlain(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

function bodyKey(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return `s:${body}`;
  // Form bodies are usually built inline (`body={new URLSearchParams({ q })}`): keyed by identity,
  // each render would abort the request and start a new one, forever. Their fields are compared by
  // value (files by identity).
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return `u:${body}`;
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const fields = [...body].map(([k, v]) => [k, typeof v === 'string' ? v : identity(v)]);
    return `f:${JSON.stringify(fields)}`;
  }
  // Blob, streams…: not comparable by value, so by identity.
  if (!isPlain(body)) return `o:${identity(body as object)}`;
  try {
    return `j:${JSON.stringify(body)}`;
  } catch {
    return `o:${identity(body as object)}`;
  }
}

function headersKey(headers: HeadersInit | undefined): string {
  if (!headers) return '';
  const entries =
    headers instanceof Headers ? [...headers] : Array.isArray(headers) ? headers : Object.entries(headers);
  return JSON.stringify(entries.map(([k, v]) => [k.toLowerCase(), v]).sort());
}

/** A string that changes exactly when the request that `options` describe changes. */
export function requestKey(options: Partial<StartStreamOptions>): string {
  return JSON.stringify([
    String(options.url ?? ''),
    options.method ?? '',
    options.protocol ?? '',
    bodyKey(options.body),
    headersKey(options.headers),
  ]);
}
