import { describe, expect, it } from 'vitest';
import { buildMockRequest, MOCK_PROTOCOLS, mockUrl } from './client-request.ts';
import { createMockFetch } from './mock-fetch.ts';
import { SCRIPTS } from './scripts/registry.ts';

describe('buildMockRequest', () => {
  it('puts preset, script and overrides in the query, under the base path', () => {
    expect(
      mockUrl({
        protocol: 'anthropic',
        preset: 'stall',
        script: 'text',
        overrides: { stallMs: 600000, resumable: true, dropAt: undefined },
        basePath: '/mock',
      }),
    ).toBe('/mock/v1/messages?preset=stall&script=text&stallMs=600000&resumable=1');
    expect(mockUrl({ protocol: 'text' })).toBe('/v1/text');
  });

  it('builds a request every endpoint accepts and streams', async () => {
    const fetch = createMockFetch();
    for (const protocol of MOCK_PROTOCOLS) {
      const { url, body } = buildMockRequest({ protocol, preset: 'instant', script: 'text' });
      const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
      // A body in the wrong shape (e.g. no `stream: true`) is a 400.
      expect(response.status, protocol).toBe(200);
      expect(response.headers.get('content-type'), protocol).toMatch(
        protocol === 'text' ? /^text\/plain/ : /^text\/event-stream/,
      );
      expect((await response.text()).length, protocol).toBeGreaterThanOrEqual(SCRIPTS.text.text.length);
    }
  });
});
