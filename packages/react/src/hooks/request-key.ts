/**
 * When does a component that owns its run start a new request? When what it
 * would send changes: URL, method, protocol, body or headers compared by value,
 * so an inline `body={{ messages }}` does not restart the stream on every render.
 * Callbacks (`fetch`, `clock`) and policies are read at start time and never restart it.
 *
 * Cost per render is what keeps a long chat smooth: the component re-renders once
 * per frame while an answer streams, and its body may hold the whole history
 * (hundreds of KB). So the comparison starts with identity at every level and
 * only walks what changed identity: an unchanged body costs O(1), an inline body
 * around the same `messages` array costs O(its own keys). Nothing is serialized.
 */
import type { StartStreamOptions } from '@tokenpaint/core';
import { useEffect, useRef } from 'react';

/** The options that decide what is sent; every one optional, so a followed `run` (no URL) fits too. */
type RequestFields = {
  readonly [K in 'url' | 'method' | 'protocol' | 'body' | 'headers']?: StartStreamOptions[K] | undefined;
};

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Structural equality of JSON-like values, identity first at every level. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  // Form bodies are usually built inline (`body={new URLSearchParams({ q })}`): compared by
  // identity, each render would abort the request and start a new one, forever.
  if (typeof URLSearchParams !== 'undefined' && a instanceof URLSearchParams) {
    return b instanceof URLSearchParams && a.toString() === b.toString();
  }
  if (typeof FormData !== 'undefined' && a instanceof FormData) {
    if (!(b instanceof FormData)) return false;
    const left = [...a];
    const right = [...b];
    // Fields by value, files by identity.
    return (
      left.length === right.length && left.every(([k, v], i) => k === right[i]?.[0] && v === right[i]?.[1])
    );
  }
  // Blob, streams, class instances: not comparable by value, so identity (checked above) decides.
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function headerEntries(headers: HeadersInit | undefined): [string, string][] {
  if (!headers) return [];
  const entries =
    headers instanceof Headers ? [...headers] : Array.isArray(headers) ? headers : Object.entries(headers);
  return entries
    .map(([k, v]): [string, string] => [k.toLowerCase(), String(v)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function sameHeaders(a: HeadersInit | undefined, b: HeadersInit | undefined): boolean {
  if (a === b) return true;
  const left = headerEntries(a);
  const right = headerEntries(b);
  return (
    left.length === right.length && left.every(([k, v], i) => k === right[i]?.[0] && v === right[i]?.[1])
  );
}

/** Whether two option sets describe the same request (see the module comment for the cost). */
export function sameRequest(a: RequestFields, b: RequestFields): boolean {
  return (
    String(a.url ?? '') === String(b.url ?? '') &&
    (a.method ?? '') === (b.method ?? '') &&
    (a.protocol ?? '') === (b.protocol ?? '') &&
    sameHeaders(a.headers, b.headers) &&
    sameValue(a.body, b.body)
  );
}

/**
 * A number that changes exactly when the request that `options` describe changes
 * (`null` when `active` is false). Compared against the last committed request, not
 * the last rendered one, so a render React throws away cannot start a request.
 */
export function useRequestKey(options: RequestFields, active: boolean): number | null {
  const committed = useRef<{ fields: RequestFields; key: number } | null>(null);
  const last = committed.current;
  const key = last === null ? 0 : sameRequest(last.fields, options) ? last.key : last.key + 1;
  useEffect(() => {
    // The newest identity is kept even when equal by value, so the next render's
    // comparison ends at the identity check.
    committed.current = { fields: options, key };
  });
  return active ? key : null;
}
