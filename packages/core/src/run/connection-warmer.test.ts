import { describe, expect, it } from 'vitest';
import type { Clock } from '../sse/clock.ts';
import { createConnectionWarmer, WarmUpConfigError } from './connection-warmer.ts';

/** The part of a Document the warmer touches, recording the hints it holds. */
function fakeDocument(baseURI = 'https://app.example/chat') {
  const head: Array<{ rel: string; href: string; crossOrigin: string | null }> = [];
  const doc = {
    baseURI,
    head: { append: (link: (typeof head)[number]) => head.push(link) },
    createElement: () => {
      const link = {
        rel: '',
        href: '',
        crossOrigin: null as string | null,
        remove: () => head.splice(head.indexOf(link), 1),
      };
      return link;
    },
  };
  return { doc: doc as unknown as Document, head };
}

function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    advance: (ms) => {
      now += ms;
    },
  };
}

function recordingFetch() {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(null, { status: 204 });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createConnectionWarmer', () => {
  it('adds one preconnect hint for a cross-origin endpoint, however many intents an idle period holds', () => {
    const { doc, head } = fakeDocument();
    const clock = manualClock();
    const warmer = createConnectionWarmer({ url: 'https://api.example/v1/chat', document: doc, clock });
    warmer.warm();
    for (let key = 0; key < 20; key++) {
      clock.advance(100);
      warmer.warm();
    }
    expect(head).toEqual([
      expect.objectContaining({ rel: 'preconnect', href: 'https://api.example', crossOrigin: 'anonymous' }),
    ]);
  });

  it('preconnects with credentials when the answer request sends them', () => {
    const { doc, head } = fakeDocument();
    createConnectionWarmer({
      url: 'https://api.example/v1/chat',
      document: doc,
      credentials: 'include',
    }).warm();
    expect(head[0]?.crossOrigin).toBe('use-credentials');
  });

  it('gives a same-origin endpoint no hint and sends nothing unless a warm-up is named', async () => {
    const { doc, head } = fakeDocument();
    const { calls, fetch } = recordingFetch();
    createConnectionWarmer({ url: '/api/chat', document: doc, fetch }).warm();
    await settle();
    expect(head).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('sends the named warm-up once per idle period, as HEAD with no body and no cache', async () => {
    const { doc } = fakeDocument();
    const { calls, fetch } = recordingFetch();
    const clock = manualClock();
    const warmer = createConnectionWarmer({
      url: '/api/chat',
      warmUp: '/healthz',
      document: doc,
      fetch,
      clock,
    });
    warmer.warm();
    clock.advance(4_999);
    warmer.warm();
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://app.example/healthz');
    expect(calls[0]!.init).toMatchObject({ method: 'HEAD', cache: 'no-store' });
    expect(calls[0]!.init.body).toBeUndefined();

    clock.advance(1);
    warmer.warm();
    await settle();
    expect(calls).toHaveLength(2);
  });

  it('renews the hint after an idle period, keeping one in the document', () => {
    const { doc, head } = fakeDocument();
    const clock = manualClock();
    const warmer = createConnectionWarmer({
      url: 'https://api.example/v1/chat',
      document: doc,
      clock,
      idleMs: 1_000,
    });
    warmer.warm();
    const first = head[0];
    clock.advance(1_000);
    warmer.warm();
    expect(head).toHaveLength(1);
    expect(head[0]).not.toBe(first);
    warmer.dispose();
    expect(head).toEqual([]);
  });

  it('ignores a warm-up that fails: warming is a hint, never an error', async () => {
    const { doc } = fakeDocument();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const warmer = createConnectionWarmer({
      url: '/api/chat',
      warmUp: '/healthz',
      document: doc,
      fetch: failing,
    });
    expect(() => warmer.warm()).not.toThrow();
    await settle();
  });

  it('refuses a warm-up that is the answer endpoint or could carry a body', () => {
    const { doc } = fakeDocument();
    expect(() =>
      createConnectionWarmer({ url: '/api/chat', warmUp: '/api/chat?warm=1', document: doc }),
    ).toThrow(WarmUpConfigError);
    expect(() =>
      createConnectionWarmer({
        url: '/api/chat',
        warmUp: { url: '/healthz', method: 'POST' as 'GET' },
        document: doc,
      }),
    ).toThrow(/GET or HEAD/);
  });

  it('aborts a warm-up in flight on dispose', async () => {
    const { doc } = fakeDocument();
    let signal: AbortSignal | undefined;
    const hanging = ((_url: URL, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return new Promise(() => undefined);
    }) as unknown as typeof globalThis.fetch;
    const warmer = createConnectionWarmer({
      url: '/api/chat',
      warmUp: '/healthz',
      document: doc,
      fetch: hanging,
    });
    warmer.warm();
    await settle();
    warmer.dispose();
    expect(signal?.aborted).toBe(true);
  });
});
