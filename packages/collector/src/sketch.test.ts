import { describe, expect, it } from 'vitest';
import { RELATIVE_ACCURACY, Sketch } from './sketch.ts';
import { exactQuantile, latency, random } from './test-beacons.ts';

const QUANTILES = [0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

describe('Sketch', () => {
  it('answers every quantile within the relative accuracy of the exact value at that rank', () => {
    const next = random(7);
    const values = Array.from({ length: 20_000 }, () => latency(next, 300));
    const sketch = new Sketch();
    for (const value of values) sketch.add(value);
    for (const q of QUANTILES) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(sketch.quantile(q) - exact) / exact).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    }
    expect(sketch.quantile(1)).toBe(Math.max(...values));
    expect(sketch.count).toBe(values.length);
  });

  it('merges to the same sketch as adding everything to one', () => {
    const next = random(11);
    const whole = new Sketch();
    const parts = [new Sketch(), new Sketch(), new Sketch()];
    for (let i = 0; i < 3000; i++) {
      const value = latency(next, 50);
      whole.add(value);
      parts[i % 3]?.add(value);
    }
    const merged = new Sketch();
    for (const part of parts) merged.merge(part);
    for (const q of QUANTILES) expect(merged.quantile(q)).toBe(whole.quantile(q));
    expect(merged.count).toBe(whole.count);
    expect(merged.max).toBe(whole.max);
  });

  it('keeps zeros and values below the tracked minimum as 0', () => {
    const sketch = new Sketch();
    for (const value of [0, 0, 0.0004, 5, 10]) sketch.add(value);
    expect(sketch.quantile(0.5)).toBe(0);
    expect(sketch.quantile(0.8)).toBeCloseTo(5, 0);
  });

  it('round-trips through its binary form', () => {
    const sketch = new Sketch();
    for (const value of [0, 0.5, 1, 120, 9e8, 3.25, 120]) sketch.add(value);
    const copy = Sketch.decode(sketch.encode());
    expect(copy.count).toBe(sketch.count);
    expect(copy.sum).toBe(sketch.sum);
    expect(copy.min).toBe(0);
    expect(copy.max).toBe(9e8);
    expect([...copy.entries()]).toEqual([...sketch.entries()]);
  });

  it('merges sketches of far-apart ranges, in either order, as if every value were added to one', () => {
    const low = new Sketch();
    const high = new Sketch();
    const all = new Sketch();
    for (let i = 1; i <= 200; i++) {
      low.add(i / 100);
      high.add(i * 1e6);
      all.add(i / 100);
      all.add(i * 1e6);
    }
    for (const [a, b] of [
      [low, high],
      [high, low],
    ] as const) {
      const merged = new Sketch();
      merged.merge(a);
      merged.mergeEncoded(b.encode());
      for (const q of [0.1, 0.5, 0.9, 0.99]) expect(merged.quantile(q)).toBe(all.quantile(q));
      expect([...merged.entries()]).toEqual([...all.entries()]);
    }
  });

  it('is empty until something is added', () => {
    expect(new Sketch().quantile(0.5)).toBeNaN();
  });
});
