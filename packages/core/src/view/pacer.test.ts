import { describe, expect, it } from 'vitest';
import { createPacer, resolvePacing } from './pacer.ts';

const FRAME = 16;

/** Runs frames from `from` to `to` and returns the revealed count after each frame. */
function frames(pacer: ReturnType<typeof createPacer>, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += FRAME) out.push(pacer.next(t));
  return out;
}

describe('createPacer', () => {
  it('reveals the first chunk at once, whatever its size', () => {
    const pacer = createPacer({ maxLagMs: 1000 });
    pacer.arrive(120, 0);
    expect(pacer.revealed).toBe(120);
    expect(pacer.next(0)).toBe(120);
  });

  it('reveals the whole first network read at once, even when it comes as several parts', () => {
    const pacer = createPacer({ maxLagMs: 1000 });
    pacer.arrive(1, 0); // "#"
    pacer.arrive(3, 0.1); // " A": the same read, parsed into another part
    pacer.arrive(19, 0.2); // " long title here"
    expect(pacer.revealed).toBe(19);
    pacer.arrive(40, 50); // a later read is paced
    expect(pacer.next(66)).toBeLessThan(40);
  });

  it('spreads a burst over several frames at a steady rate matched to the arrival rate', () => {
    const pacer = createPacer({ maxLagMs: 2000, rateWindowMs: 1000 });
    pacer.arrive(1, 0);
    // A proxy flushing 200 characters once a second, for a few seconds.
    let total = 1;
    for (let burst = 1; burst <= 4; burst++) {
      total += 200;
      pacer.arrive(total, burst * 1000);
      frames(pacer, burst * 1000, burst * 1000 + 1000 - FRAME);
    }
    // The fifth burst: the estimate has settled near 200 chars/s, so the burst fills the silence.
    total += 200;
    pacer.arrive(total, 5000);
    const shown = frames(pacer, 5000, 5000 + 50 * FRAME);
    const steps = shown.slice(1).map((v, i) => v - (shown[i] as number));
    expect(shown[0]).toBeLessThan(total); // not shown all at once
    const moving = steps.filter((s) => s > 0);
    expect(moving.length).toBeGreaterThan(30); // many frames advance
    expect(Math.max(...steps)).toBeLessThanOrEqual(5); // no jump: ≈ 3.2 chars per 16 ms frame
    expect(pacer.rate * 1000).toBeGreaterThan(150);
    expect(pacer.rate * 1000).toBeLessThan(260);
  });

  it('never lags a chunk by more than maxLagMs (plus the frame that shows it)', () => {
    const maxLagMs = 300;
    const pacer = createPacer({ maxLagMs, minCharsPerSecond: 1 });
    pacer.arrive(1, 0);
    // Slow trickle then a huge burst: the trickle's rate would take seconds to show the burst.
    const arrivals: Array<[number, number]> = [[1, 0]];
    let total = 1;
    for (let t = 100; t <= 1000; t += 100) {
      total += 2;
      arrivals.push([total, t]);
      pacer.arrive(total, t);
      pacer.next(t);
    }
    total += 3000;
    arrivals.push([total, 1000]);
    pacer.arrive(total, 1000);
    for (let t = 1000; t <= 2000; t += FRAME) {
      const shown = pacer.next(t);
      for (const [end, at] of arrivals) if (at + maxLagMs <= t) expect(shown).toBeGreaterThanOrEqual(end);
    }
    expect(pacer.revealed).toBe(total);
  });

  it('ramps up smoothly before the deadline instead of jumping at it', () => {
    const pacer = createPacer({ maxLagMs: 400, minCharsPerSecond: 1 });
    pacer.arrive(1, 0);
    pacer.arrive(401, 10);
    const shown = frames(pacer, 10, 10 + 400);
    const steps = shown.slice(1).map((v, i) => v - (shown[i] as number));
    expect(shown.at(-1)).toBe(401);
    expect(Math.max(...steps)).toBeLessThan(40); // 400 chars over ≈ 25 frames, no single jump
  });

  it('drains what is left within drainMs once finished', () => {
    const pacer = createPacer({ maxLagMs: 5000, drainMs: 150, minCharsPerSecond: 1 });
    pacer.arrive(1, 0);
    pacer.arrive(1001, 100);
    pacer.next(100);
    pacer.finish(116);
    const shown = frames(pacer, 116, 116 + 160);
    expect(shown.at(-1)).toBe(1001);
    expect(shown.indexOf(1001)).toBeLessThanOrEqual(Math.ceil(150 / FRAME));
    expect(shown[1]).toBeLessThan(1001); // a quick drain, not a jump
  });

  it('starts over when a new generation arrives (a retry)', () => {
    const pacer = createPacer();
    pacer.arrive(50, 0, 1);
    pacer.arrive(10, 100, 2);
    expect(pacer.received).toBe(10);
    expect(pacer.revealed).toBe(10); // the first chunk of the new generation, shown at once
  });

  it('starts over for a new generation, even if the finished one had no text', () => {
    const pacer = createPacer({ maxLagMs: 1000, drainMs: 150 });
    pacer.arrive(0, 0, 1);
    pacer.finish(0); // an answer of tool calls only: done with no text
    pacer.arrive(1, 5000, 2); // retried: the new generation's first token
    pacer.next(5000);
    pacer.arrive(301, 5100, 2);
    expect(pacer.next(5116)).toBeLessThan(40); // paced, not drained by the old deadline
  });

  it('shows no more than is left when the text is cut back, and paces what follows from there', () => {
    const pacer = createPacer({ maxLagMs: 1000 });
    pacer.arrive(10, 0);
    pacer.arrive(200, 100); // a step's draft, paced
    const shown = pacer.next(116);
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(200);
    pacer.arrive(5, 150); // reset-step: the draft and part of the text before it are gone
    expect(pacer.next(166)).toBe(5);
    expect(pacer.received).toBe(5);
    pacer.arrive(305, 200); // the retried step
    const after = frames(pacer, 216, 1200);
    expect(after[0]).toBeLessThan(305); // paced again, not dumped
    for (let k = 1; k < after.length; k++) expect(after[k]).toBeGreaterThanOrEqual(after[k - 1] as number);
    expect(after.at(-1)).toBe(305); // and within maxLagMs
  });

  it('does not count idle time as reveal budget when a new burst arrives', () => {
    const pacer = createPacer({ maxLagMs: 1000, rateWindowMs: 1000, minCharsPerSecond: 1 });
    pacer.arrive(1, 0);
    pacer.next(0);
    pacer.arrive(301, 5000); // the display was idle for 5 s
    expect(pacer.next(5016)).toBeLessThan(301);
  });

  it('rejects knobs that would stall the display', () => {
    expect(() => resolvePacing({ maxLagMs: -1 })).toThrow(/pacing.maxLagMs/);
    expect(() => resolvePacing({ rateWindowMs: 0 })).toThrow(/rateWindowMs/);
    expect(() => resolvePacing({ drainMs: Number.NaN })).toThrow(RangeError);
  });
});
