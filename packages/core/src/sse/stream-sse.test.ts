import { describe, expect, it } from 'vitest';
import { streamSSE } from './stream-sse.ts';
import { type BodyStep, scriptedFetch, streamingResponse } from './test-fetch.ts';
import type { SSEMessage } from './types.ts';

const encoder = new TextEncoder();

async function collect(steps: readonly BodyStep[]): Promise<SSEMessage[]> {
  const fetch = scriptedFetch([streamingResponse(steps)]);
  const out: SSEMessage[] = [];
  for await (const message of streamSSE('http://test/sse', { fetch })) out.push(message);
  return out;
}

/** Every split of `bytes` into two chunks, plus one byte per chunk. */
function splits(bytes: Uint8Array): BodyStep[][] {
  const all: BodyStep[][] = [];
  for (let i = 0; i <= bytes.length; i++) all.push([bytes.slice(0, i), bytes.slice(i)]);
  all.push(Array.from(bytes, (b) => Uint8Array.of(b)));
  return all;
}

// Written after the examples of the WHATWG spec, §9.2.6 "Interpreting an event stream".
const FIXTURE = [
  ': a comment line is ignored',
  'data: first',
  '',
  'event: add',
  'id: 7',
  'data: two',
  'data:  lines (one leading space kept)',
  '',
  'retry: 2500',
  'data: id persists: é ✓ 𝄞',
  '',
  'id',
  'data: empty id resets',
  '',
  'data:',
  '',
  'unknown: field ignored',
  'data:no space',
  '',
  'data: incomplete events at the end are dropped',
].join('\n');

const EXPECTED: SSEMessage[] = [
  { event: 'message', data: 'first' },
  { event: 'add', data: 'two\n lines (one leading space kept)', id: '7' },
  { event: 'message', data: 'id persists: é ✓ 𝄞', id: '7', retry: 2500 },
  { event: 'message', data: 'empty id resets', retry: 2500 },
  { event: 'message', data: '', retry: 2500 },
  { event: 'message', data: 'no space', retry: 2500 },
];

describe('streamSSE conformance', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`parses ${name} line endings split at every byte position`, async () => {
      const bytes = encoder.encode(FIXTURE.replaceAll('\n', eol));
      for (const steps of splits(bytes)) expect(await collect(steps)).toEqual(EXPECTED);
    });
  }

  it('strips one leading BOM, even split across chunks', async () => {
    const bytes = encoder.encode('\uFEFFdata: a\n\n\uFEFFdata: b\n\n');
    for (const steps of splits(bytes)) {
      expect(await collect(steps)).toEqual([
        { event: 'message', data: 'a' },
        // Only the first BOM is a BOM: later U+FEFF starts an unknown field and is ignored.
      ]);
    }
  });

  it('handles mixed line endings in one stream', async () => {
    expect(await collect(['data: a\r\n\r', 'data: b\n\r\ndata: c\r\r'])).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
      { event: 'message', data: 'c' },
    ]);
  });

  it('reports an id set by a block without data on the next event', async () => {
    expect(await collect(['id: 42\n\ndata: x\n\n'])).toEqual([{ event: 'message', data: 'x', id: '42' }]);
  });

  it('ignores an invalid retry value and keeps the previous one', async () => {
    expect(await collect(['retry: 100\ndata: a\n\nretry: soon\ndata: b\n\n'])).toEqual([
      { event: 'message', data: 'a', retry: 100 },
      { event: 'message', data: 'b', retry: 100 },
    ]);
  });

  it('POSTs the body with an Accept header and uses GET without a body', async () => {
    const fetch = scriptedFetch([streamingResponse(['data: x\n\n']), streamingResponse([])]);
    for await (const _ of streamSSE('http://test/a', { fetch, body: '{"q":1}' })) void _;
    for await (const _ of streamSSE('http://test/b', { fetch })) void _;
    expect(fetch.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(fetch.requests[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(await fetch.requests[0]!.text()).toBe('{"q":1}');
  });

  it('reports transport states through onTransportEvent', async () => {
    const fetch = scriptedFetch([
      new Response('busy', { status: 503, headers: { 'retry-after': '0' } }),
      streamingResponse(['data: x\n\n']),
    ]);
    const seen: string[] = [];
    for await (const m of streamSSE('http://test/a', { fetch, onTransportEvent: (e) => seen.push(e.type) }))
      seen.push(m.data);
    expect(seen).toEqual(['retrying', 'open', 'first-byte', 'x']);
  });

  it('sends the given lastEventId on the first request', async () => {
    const fetch = scriptedFetch([streamingResponse([])]);
    for await (const _ of streamSSE('http://test/a', { fetch, lastEventId: 'e-9' })) void _;
    expect(fetch.requests[0]!.headers.get('last-event-id')).toBe('e-9');
  });
});

describe('streamSSE with a Request', () => {
  it("keeps the Request's method, headers and body, on retries too", async () => {
    const fetch = scriptedFetch([
      new Response('busy', { status: 503, headers: { 'retry-after': '0' } }),
      streamingResponse(['data: ok\n\n']),
    ]);
    const request = new Request('http://test/sse', {
      method: 'POST',
      body: '{"q":1}',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    });
    const out: string[] = [];
    for await (const message of streamSSE(request, { fetch })) out.push(message.data);
    expect(out).toEqual(['ok']);
    expect(fetch.requests).toHaveLength(2);
    for (const sent of fetch.requests) {
      expect(sent.method).toBe('POST');
      expect(sent.headers.get('authorization')).toBe('Bearer k');
      expect(sent.headers.get('accept')).toBe('text/event-stream');
      expect(await sent.text()).toBe('{"q":1}');
    }
  });
});
