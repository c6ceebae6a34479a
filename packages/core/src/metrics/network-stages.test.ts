import { createMockFetch } from '@tokenpaint/mock-llm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServerTiming } from '../run/server-timing.ts';
import { startStream } from '../run/start-stream.ts';
import type { StreamSnapshot } from '../run/types.ts';
import { toAnswerEvent } from './answer-event.ts';
import { resourceTimingStages, serverTimingStages } from './network-stages.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const snapshotAt = (requestStart: number, extra: Partial<StreamSnapshot> = {}): StreamSnapshot =>
  ({
    status: 'done',
    generation: 1,
    protocol: 'openai-chat',
    text: '',
    reasoning: '',
    toolCalls: [],
    timing: { requestStart, tokenArrivals: [], tokenCount: 0 },
    ...extra,
  }) as StreamSnapshot;

describe('Server-Timing', () => {
  it('parses metrics with durations and descriptions, skipping malformed ones', () => {
    expect(
      parseServerTiming(
        'retrieval;dur=200;desc="vector, search", model;dur=1200.5, cache;desc=hit, bad name;dur=1, x;dur=-3',
      ),
    ).toEqual([
      { name: 'retrieval', dur: 200, desc: 'vector, search' },
      { name: 'model', dur: 1200.5 },
      { name: 'cache', desc: 'hit' },
      { name: 'x' },
    ]);
    expect(parseServerTiming(null)).toEqual([]);
  });

  it('reaches the snapshot from the response and the waterfall as server:<name>', async () => {
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant&serverTiming=30',
      body: { model: 'm', stream: true, messages: [] },
      fetch: createMockFetch(),
    });
    const final = await run.done;
    expect(final.serverTiming).toEqual([{ name: 'retrieval', dur: 30, desc: 'mock retrieval' }]);
    expect(serverTimingStages(final)).toEqual([
      { name: 'server:retrieval', source: 'server-timing', dur_ms: 30 },
    ]);
    expect(toAnswerEvent(final).stages?.map((stage) => stage.name)).toContain('server:retrieval');
  });
});

describe('Resource Timing', () => {
  it('splits the request into DNS, connect, TLS and request from the entry that started with the run', () => {
    const entry = {
      initiatorType: 'fetch',
      startTime: 100.2,
      domainLookupStart: 101,
      domainLookupEnd: 121,
      connectStart: 121,
      secureConnectionStart: 150,
      connectEnd: 190,
      requestStart: 190.5,
      responseStart: 400.5,
    };
    const other = { ...entry, startTime: 400, domainLookupStart: 0, domainLookupEnd: 0 };
    vi.stubGlobal('performance', { ...performance, getEntriesByType: () => [other, entry], now: () => 0 });
    expect(resourceTimingStages(snapshotAt(100))).toEqual([
      { name: 'dns', source: 'resource-timing', start_ms: 1, dur_ms: 20 },
      { name: 'connect', source: 'resource-timing', start_ms: 21, dur_ms: 29 },
      { name: 'tls', source: 'resource-timing', start_ms: 50, dur_ms: 40 },
      { name: 'request', source: 'resource-timing', start_ms: 90.5, dur_ms: 210 },
    ]);
  });

  it('gives nothing for a reused connection’s zero phases, a cross-origin entry, or no API', () => {
    const reused = {
      initiatorType: 'fetch',
      startTime: 100,
      domainLookupStart: 100,
      domainLookupEnd: 100,
      connectStart: 100,
      secureConnectionStart: 0,
      connectEnd: 100,
      requestStart: 0,
      responseStart: 0,
    };
    vi.stubGlobal('performance', { ...performance, getEntriesByType: () => [reused] });
    expect(resourceTimingStages(snapshotAt(100))).toEqual([]);
    vi.stubGlobal('performance', undefined);
    expect(resourceTimingStages(snapshotAt(100))).toEqual([]);
  });
});
