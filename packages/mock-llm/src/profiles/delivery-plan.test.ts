import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../formats/wire-event.ts';
import { type DeliveryPlanInput, planDelivery } from './delivery-plan.ts';
import { PRESETS, type TimingProfile } from './presets.ts';

// 3 preamble-ish events around 10 tokens: start, t0..t9 (a block stop after t4), end.
const events: WireEvent[] = [
  { data: '{"start":true}', token: false },
  ...Array.from({ length: 10 }, (_, index) => ({ data: `{"t":${index}}`, token: true })),
  { data: '{"end":true}', token: false },
];
events.splice(6, 0, { data: '{"stop":4}', token: false });

const steady: TimingProfile = { ...PRESETS.fast, ttft: 100, tps: 100, jitter: 0 };

function plan(profile: Partial<TimingProfile>, extra: Partial<DeliveryPlanInput> = {}) {
  return planDelivery({
    events,
    sse: true,
    profile: { ...steady, ...profile },
    seed: 1,
    resumable: false,
    resumeAfter: -1,
    retryMs: 1000,
    ...extra,
  });
}

describe('planDelivery', () => {
  it('writes the preamble at once, the first token at ttft, then one token per 1000/tps ms', () => {
    const { writes, end } = plan({});
    expect(writes.map((write) => write.at)).toEqual([0, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190]);
    expect(writes.map((write) => write.tokens)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Non-token events ride with the token before them.
    expect(writes[5]!.text).toContain('"stop":4');
    expect(writes.at(-1)!.text).toContain('"end":true');
    expect(end).toEqual({ at: 190, dropAt: null });
  });

  it('jitters intervals within ±jitter, deterministically per seed', () => {
    const first = plan({ jitter: 0.5 }, { seed: 7 }).writes.map((write) => write.at);
    const again = plan({ jitter: 0.5 }, { seed: 7 }).writes.map((write) => write.at);
    const other = plan({ jitter: 0.5 }, { seed: 8 }).writes.map((write) => write.at);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    for (let index = 2; index < first.length; index++) {
      const interval = first[index]! - first[index - 1]!;
      expect(interval).toBeGreaterThanOrEqual(5);
      expect(interval).toBeLessThanOrEqual(15);
    }
  });

  it('coalesces `burst` tokens per write, sent when the last of them arrives', () => {
    const { writes } = plan({ burst: 4 });
    expect(writes.map((write) => write.tokens)).toEqual([0, 4, 4, 2]);
    expect(writes.map((write) => write.at)).toEqual([0, 130, 170, 190]);
  });

  it('stalls for stallMs before token stallAt', () => {
    const { writes } = plan({ stallAt: 3, stallMs: 500 });
    expect(writes[3]!.at).toBe(120);
    expect(writes[4]!.at).toBe(630);
  });

  it('buffers everything into one write at the end', () => {
    const { writes, end } = plan({ buffer: true });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ at: 190, tokens: 10 });
    expect(end.at).toBe(190);
  });

  it('drops at token dropAt without the terminal events', () => {
    const { writes, end } = plan({ dropAt: 6 });
    expect(writes.reduce((sum, write) => sum + write.tokens, 0)).toBe(6);
    expect(writes.map((write) => write.text).join('')).not.toContain('"end"');
    expect(end).toEqual({ at: 160, dropAt: 6 });
    // dropAt past the last token cuts only the terminal events.
    const late = plan({ dropAt: 99 });
    expect(late.writes.reduce((sum, write) => sum + write.tokens, 0)).toBe(10);
    expect(late.writes.map((write) => write.text).join('')).not.toContain('"end"');
  });

  it('does not fault again when a reconnect resumes exactly at the fault', () => {
    // Event 7 is token 5: the client has tokens 0..5, the next one is token 6 = dropAt.
    const first = plan({ dropAt: 6 }, { resumable: true });
    expect(first.writes.at(-1)!.lastEventId).toBe('7');
    const resumed = plan({ dropAt: 6 }, { resumable: true, resumeAfter: 7 });
    expect(resumed.end.dropAt).toBeNull();
    expect(resumed.writes.reduce((sum, write) => sum + write.tokens, 0)).toBe(4);
    // Likewise a stall or malformed event at the resume point; one further on still happens.
    const atResume = plan({ stallAt: 6, stallMs: 500, malformedAt: 6 }, { resumable: true, resumeAfter: 7 });
    expect(atResume.writes[1]!.at).toBe(100);
    expect(atResume.writes.map((write) => write.text).join('')).not.toMatch(/^data: \{"t"$/m);
    // dropAt past the end cuts the terminal events once; resuming after the last token delivers them.
    const ending = plan({ dropAt: 99 }, { resumable: true, resumeAfter: 11 });
    expect(ending.end.dropAt).toBeNull();
    expect(ending.writes.map((write) => write.text).join('')).toContain('id: 12\ndata: {"end":true}');
    const later = plan({ stallAt: 8, stallMs: 500 }, { resumable: true, resumeAfter: 7 });
    expect(later.writes.map((write) => write.at)).toEqual([0, 100, 110, 620, 630]);
  });

  it('inserts one unparseable event before token malformedAt and loses nothing', () => {
    const text = plan({ malformedAt: 2 })
      .writes.map((write) => write.text)
      .join('');
    const data = text
      .split('\n\n')
      .filter(Boolean)
      .map((block) => block.replace(/^data: /, ''));
    const bad = data.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual(['{"t"']);
    expect(data.indexOf('{"t"')).toBe(data.indexOf('{"t":2}') - 1);
    expect(data.filter((line) => line.startsWith('{"t":'))).toHaveLength(10);
  });

  it('numbers events on resumable streams and resumes after an id with ttft again', () => {
    const full = plan({}, { resumable: true });
    expect(full.writes[0]!.text.startsWith('retry: 1000\n\nid: 0\n')).toBe(true);
    const resumed = plan({}, { resumable: true, resumeAfter: 6 });
    const ids = [
      ...resumed.writes
        .map((write) => write.text)
        .join('')
        .matchAll(/^id: (\d+)$/gm),
    ].map((m) => m[1]);
    expect(ids).toEqual(['7', '8', '9', '10', '11', '12']);
    expect(resumed.writes[1]!.at).toBe(100);
  });
});
