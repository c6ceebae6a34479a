import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_BEACON } from './schema.ts';
import { validateBeacon } from './validate.ts';

const NOW = 1_790_000_000_000;

function answer(overrides: Record<string, unknown> = {}) {
  return {
    type: 'answer',
    request_id: 'r1',
    at: NOW,
    outcome: 'done',
    tags: { model: 'gpt-x', device_type: 'desktop' },
    metrics: { ttft_ms: 420, ttfp_ms: 431, paint_lag_ms: 11 },
    paint_method: 'element-timing',
    token_source: 'usage',
    stages: [{ name: 'server:retrieval', source: 'server-timing', dur_ms: 200 }],
    breaches: [{ budget: 'ttft_ms', value_ms: 420, budget_ms: 300 }],
    flags: ['buffered'],
    long_frame_scripts: [
      { invoker: 'DIV.onclick', source_url: 'https://app.example/main.js', function: 'render', dur_ms: 70 },
      { invoker: 'Window.requestAnimationFrame', dur_ms: 12.5 },
    ],
    ...overrides,
  };
}

function batch(events: unknown[], overrides: Record<string, unknown> = {}) {
  return { v: 1, session_id: 's1', sent_at: NOW + 5, events, ...overrides };
}

describe('validateBeacon', () => {
  it('accepts a full answer and a vital, and keeps every documented field', () => {
    const vital = {
      type: 'vital',
      id: 'v1-123',
      name: 'INP',
      value: 88,
      rating: 'good',
      at: NOW,
      tags: {},
      streaming: true,
      target: 'textarea#composer',
    };
    const result = validateBeacon(batch([answer(), vital]));
    expect(result).toEqual({ ok: true, batch: batch([answer(), vital]), rejected: [] });
  });

  it('drops unknown fields and unknown metrics instead of failing', () => {
    const result = validateBeacon(
      batch([answer({ extra: 1, metrics: { ttft_ms: 1, future_ms: 2 } })], { x: 1 }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.batch).not.toHaveProperty('x');
    expect(result.batch.events[0]).not.toHaveProperty('extra');
    expect(result.batch.events[0]).toMatchObject({ metrics: { ttft_ms: 1 } });
    expect((result.batch.events[0] as { metrics: object }).metrics).not.toHaveProperty('future_ms');
  });

  it('rejects an answer whose long-frame script has no invoker or a bad duration, and keeps the rest', () => {
    const result = validateBeacon(
      batch([answer({ long_frame_scripts: [{ dur_ms: 5 }] }), answer({ request_id: 'r2' })]),
    );
    expect(result).toMatchObject({ ok: true, rejected: [{ index: 0 }] });
    const bad = validateBeacon(
      batch([answer({ long_frame_scripts: [{ invoker: 'x', dur_ms: -1 }] }), answer({ request_id: 'r2' })]),
    );
    expect(bad).toMatchObject({ ok: true, rejected: [{ index: 0 }] });
  });

  it('rejects a wrong envelope whole, naming the field', () => {
    expect(validateBeacon(null)).toEqual({ ok: false, error: { path: '$', message: 'must be an object' } });
    expect(validateBeacon(batch([answer()], { v: 2 }))).toMatchObject({ ok: false, error: { path: 'v' } });
    expect(validateBeacon(batch([answer()], { session_id: 7 }))).toMatchObject({
      ok: false,
      error: { path: 'session_id', message: 'must be a string' },
    });
    expect(validateBeacon(batch([]))).toMatchObject({ ok: false, error: { path: 'events' } });
    const tooMany = Array.from({ length: MAX_EVENTS_PER_BEACON + 1 }, () => answer());
    expect(validateBeacon(batch(tooMany))).toMatchObject({ ok: false, error: { path: 'events' } });
  });

  it('keeps the good events of a mixed batch and reports the bad ones by index', () => {
    const result = validateBeacon(
      batch([
        answer(),
        answer({ metrics: { ttft_ms: -1 } }),
        answer({ request_id: 'r3' }),
        { type: 'other' },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.batch.events.map((e) => (e as { request_id: string }).request_id)).toEqual(['r1', 'r3']);
    expect(result.rejected).toEqual([
      { index: 1, path: 'events[1].metrics.ttft_ms', message: 'must be between 0 and 1000000000, is -1' },
      { index: 3, path: 'events[3].type', message: 'must be "answer" or "vital"' },
    ]);
  });

  it('fails a batch whose every event is bad, naming the first fault', () => {
    expect(validateBeacon(batch([answer({ outcome: 'maybe' })]))).toEqual({
      ok: false,
      error: { path: 'events[0].outcome', message: 'must be one of "done", "error", "aborted"' },
    });
  });

  it.each([
    ['a huge number', { metrics: { e2e_ms: 1e300 } }, 'events[0].metrics.e2e_ms'],
    ['NaN from a string', { metrics: { e2e_ms: 'NaN' } }, 'events[0].metrics.e2e_ms'],
    ['a relative timestamp', { at: 1234.5 }, 'events[0].at'],
    ['a numeric tag', { tags: { model: 4 } }, 'events[0].tags.model'],
    ['an upper-case tag key', { tags: { Model: 'x' } }, 'events[0].tags.Model'],
    ['an overlong id', { request_id: 'x'.repeat(257) }, 'events[0].request_id'],
    [
      'a stage without duration',
      { stages: [{ name: 'dns', source: 'client' }] },
      'events[0].stages[0].dur_ms',
    ],
    ['a flag that is not text', { flags: [1] }, 'events[0].flags[0]'],
    ['an unknown paint method', { paint_method: 'guess' }, 'events[0].paint_method'],
  ])('rejects %s', (_, overrides, path) => {
    expect(validateBeacon(batch([answer(overrides)]))).toMatchObject({ ok: false, error: { path } });
  });

  it('keeps a tag named like an Object.prototype member as a plain tag, and refuses __proto__', () => {
    const body = (tag: string) =>
      JSON.parse(
        `{"v":1,"session_id":"s","sent_at":${NOW},"events":[{"type":"answer","request_id":"r","at":${NOW},"outcome":"done","tags":{"${tag}":"x"},"metrics":{}}]}`,
      );
    const result = validateBeacon(body('constructor'));
    expect(result.ok && result.batch.events[0]?.tags.constructor).toBe('x');
    expect(validateBeacon(body('__proto__'))).toMatchObject({
      ok: false,
      error: { path: 'events[0].tags.__proto__' },
    });
  });
});
