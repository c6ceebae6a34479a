/**
 * Opens the connection to the answer endpoint while the user is still typing.
 * On a mobile network DNS, TCP and TLS cost several round trips before a
 * request can leave; paid on intent (focus, the first keystroke) they are gone
 * from the submit → first token path. No body is ever sent, and never to the
 * model endpoint: warming must not cost a generation.
 */

import { type Clock, systemClock } from '../sse/clock.ts';

/** The cheap request that opens a same-origin (or any) connection: the app's own health route, say. */
export interface WarmUpRequest {
  readonly url: string | URL;
  /** `HEAD` by default: nothing to download. Only methods without a body are allowed. */
  readonly method?: 'GET' | 'HEAD';
  readonly headers?: HeadersInit;
}

/** Options of {@link createConnectionWarmer}. */
export interface ConnectionWarmerOptions {
  /** The endpoint answers will be requested from; a cross-origin one gets a `preconnect` hint. */
  readonly url: string | URL;
  /**
   * A cheap request to send on intent, for any origin (opt-in). A same-origin
   * endpoint gets no hint (the page's own connection usually exists, and the
   * browser ignores a same-origin preconnect), so this is how to warm it, or to
   * wake a server that starts cold. It must not be the answer endpoint itself.
   */
  readonly warmUp?: string | URL | WarmUpRequest;
  /**
   * After a warm-up, intents within this many ms warm nothing: the connection is
   * presumed still open. Servers and browsers close unused connections after a
   * few seconds (Node's default keep-alive is 5 s), so the next intent after that
   * warms again. Default 5,000.
   */
  readonly idleMs?: number;
  /** `include` sends the warm-up with cookies and preconnects with `crossorigin="use-credentials"`, to reach the pool the answer's request uses. */
  readonly credentials?: RequestCredentials;
  readonly fetch?: typeof fetch;
  /** Where the hint goes; default the global `document` (none during SSR: warming is then a no-op). */
  readonly document?: Document;
  readonly clock?: Clock;
}

/** What {@link createConnectionWarmer} returns. */
export interface ConnectionWarmer {
  /** Call on every sign of intent (focus, input): warms at most once per idle period. */
  warm(): void;
  /** Removes the hint and cancels a warm-up in flight; the next `warm()` starts over. */
  dispose(): void;
}

/** Thrown at creation when the warm-up would be a model call or could carry a body. */
export class WarmUpConfigError extends TypeError {
  override readonly name = 'WarmUpConfigError';
}

const DEFAULT_IDLE_MS = 5_000;

function toRequest(warmUp: ConnectionWarmerOptions['warmUp']): WarmUpRequest | undefined {
  if (warmUp === undefined) return undefined;
  return typeof warmUp === 'string' || warmUp instanceof URL ? { url: warmUp } : warmUp;
}

/**
 * Creates a warmer for one endpoint. `warm()` adds `<link rel="preconnect">` for
 * a cross-origin endpoint and sends the named warm-up request (no body,
 * `cache: 'no-store'`, low priority; its failure is ignored: warming is a hint,
 * never an error the user sees).
 *
 * @throws {WarmUpConfigError} when the warm-up is the answer endpoint or names a method with a body.
 *
 * @example
 * const warmer = createConnectionWarmer({ url: 'https://api.example.com/v1/chat', warmUp: '/healthz' });
 * input.addEventListener('focus', warmer.warm);
 * input.addEventListener('input', warmer.warm);
 */
export function createConnectionWarmer(options: ConnectionWarmerOptions): ConnectionWarmer {
  const doc = options.document ?? (typeof document === 'undefined' ? undefined : document);
  const clock = options.clock ?? systemClock;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const base = doc?.baseURI ?? 'http://localhost/';
  const endpoint = new URL(options.url, base);
  const request = toRequest(options.warmUp);
  const warmUpUrl = request === undefined ? undefined : new URL(request.url, base);
  const method = request?.method ?? 'HEAD';
  if (method !== 'GET' && method !== 'HEAD') {
    throw new WarmUpConfigError(`A warm-up is sent without a body: use GET or HEAD, not ${String(method)}.`);
  }
  if (
    warmUpUrl !== undefined &&
    warmUpUrl.origin + warmUpUrl.pathname === endpoint.origin + endpoint.pathname
  ) {
    throw new WarmUpConfigError(
      `The warm-up ${warmUpUrl.pathname} is the answer endpoint: warming must never start a model call. Name a cheap route (a health check).`,
    );
  }
  const crossOrigin = doc !== undefined && endpoint.origin !== new URL(base).origin;

  let lastWarmAt = Number.NEGATIVE_INFINITY;
  let hint: HTMLLinkElement | undefined;
  let inFlight: AbortController | undefined;

  const addHint = (): void => {
    if (doc === undefined || !crossOrigin) return;
    // A fresh element each idle period: the browser preconnects when a hint is inserted,
    // and the socket the last one opened may have been closed since.
    hint?.remove();
    hint = doc.createElement('link');
    hint.rel = 'preconnect';
    hint.href = endpoint.origin;
    // fetch() is a CORS request: without the attribute the hint warms a different pool.
    hint.crossOrigin = options.credentials === 'include' ? 'use-credentials' : 'anonymous';
    doc.head.append(hint);
  };

  const sendWarmUp = (): void => {
    if (warmUpUrl === undefined) return;
    const doFetch = options.fetch ?? globalThis.fetch;
    if (doFetch === undefined) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const init: RequestInit & { priority?: string } = {
      method,
      cache: 'no-store',
      signal: controller.signal,
      priority: 'low',
      ...(request?.headers === undefined ? {} : { headers: request.headers }),
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    };
    Promise.resolve()
      .then(() => doFetch(warmUpUrl, init))
      .then((response) => response.body?.cancel())
      .catch(() => undefined)
      .finally(() => {
        if (inFlight === controller) inFlight = undefined;
      });
  };

  return {
    warm() {
      const now = clock.now();
      if (now - lastWarmAt < idleMs) return;
      lastWarmAt = now;
      addHint();
      sendWarmUp();
    },
    dispose() {
      // A warmer used again after dispose (React's development remount) warms at the next intent.
      lastWarmAt = Number.NEGATIVE_INFINITY;
      hint?.remove();
      hint = undefined;
      inFlight?.abort();
      inFlight = undefined;
    },
  };
}
