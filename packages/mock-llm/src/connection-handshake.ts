import type { Socket } from 'node:net';
import { MAX_HANDSHAKE_MS } from './request-options.ts';

/**
 * Simulates the cost of a fresh connection (DNS, TCP and TLS round trips) on a
 * loopback socket, where it is free. The first mock request on a socket that
 * asks for `handshake=<ms>` waits that long, less the time the socket has been
 * open: a socket opened early (a `preconnect` hint, a warm-up request) has paid
 * its handshake while the user was typing, which is the point of warming it.
 * Later requests on the same socket pay nothing, as on a kept-alive connection.
 */
export interface ConnectionHandshakes {
  /** Notes when the server accepted a socket (its age is measured from here). */
  accepted(socket: Socket, now?: number): void;
  /** How long this request waits before it is served; marks the socket as having served one. */
  waitFor(socket: Socket, handshakeMs: number, now?: number): number;
}

/** One ledger per server: sockets are compared by identity and forgotten with them. */
export function createConnectionHandshakes(): ConnectionHandshakes {
  const acceptedAt = new WeakMap<Socket, number>();
  const served = new WeakSet<Socket>();
  return {
    accepted(socket, now = performance.now()) {
      if (!acceptedAt.has(socket)) acceptedAt.set(socket, now);
    },
    waitFor(socket, handshakeMs, now = performance.now()) {
      if (served.has(socket)) return 0;
      served.add(socket);
      // A socket the ledger never saw accepted (a host that hides its server) counts as new now.
      const age = now - (acceptedAt.get(socket) ?? now);
      return Math.max(0, handshakeMs - age);
    },
  };
}

/**
 * The request's `handshake=<ms>` (query, case-insensitive, or `x-mock-handshake`),
 * or 0. Lenient on purpose: the handler validates the same option and answers a
 * bad value with a 400 naming it; this reader only decides how long to wait.
 */
export function requestedHandshakeMs(url: URL, headers: Headers): number {
  let raw: string | null = null;
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === 'handshake') raw = value;
  raw ??= headers.get('x-mock-handshake');
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_HANDSHAKE_MS) : 0;
}
