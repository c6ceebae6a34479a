// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Browser globals that server rendering must not touch: any read from our code
 * throws. Dependencies are let through (reading undefined): their
 * `typeof document !== 'undefined'` guards are how a library stays
 * server-safe, and a getter cannot tell `typeof` from a read.
 */
const TRAPPED = [
  'window',
  'document',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'matchMedia',
  'navigator',
];
const touched: string[] = [];

beforeAll(() => {
  for (const name of TRAPPED) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        if (new Error().stack?.split('\n')[2]?.includes('/node_modules/')) return undefined;
        touched.push(name);
        throw new Error(`${name} read during server rendering`);
      },
    });
  }
});

afterAll(() => {
  for (const name of TRAPPED) delete (globalThis as Record<string, unknown>)[name];
});

describe('server rendering', () => {
  it('imports and renders <StreamingMessage> with renderToString without browser globals', async () => {
    const [{ renderToString }, { StreamingMessage }, { createFakeRun }] = await Promise.all([
      import('react-dom/server'),
      import('../index.ts'),
      import('@tokenpaint/core/testing'),
    ]);
    const owned = renderToString(<StreamingMessage url="/api/chat" body={{ q: 1 }} skeleton="code" />);
    expect(owned).toContain('data-tp-status="connecting"');
    expect(owned.match(/data-tp-part="skeleton-line"/g)).toHaveLength(6);
    expect(owned).toContain('<button type="button" data-tp-part="stop">Stop</button>');
    expect(owned).toMatch(/data-tp-part="elapsed" aria-hidden="true"><\/span>/); // no time on the server

    const run = createFakeRun();
    run.appendText('Already streamed.');
    const followed = renderToString(<StreamingMessage run={run} pacing />);
    expect(followed).toContain('data-tp-status="streaming"');
    expect(followed).toContain('Already streamed.');
    expect(run.listenerCount).toBe(0); // no subscription on the server
    expect(touched).toEqual([]);
  });
});
