import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeRun } from '../testing/fake-run.ts';
import { firstPaintOf, markTextCommitted } from './first-paint.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('first paint', () => {
  it('is timed once per generation, after the animation frame that follows the commit', async () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const run = createFakeRun();
    markTextCommitted(run, 1);
    const before = performance.now();
    markTextCommitted(run, 1); // a later commit of the same generation changes nothing
    expect(frames).toHaveLength(1);
    frames[0]?.();
    const paint = await firstPaintOf(run, 1);
    expect(paint?.method).toBe('next-frame');
    expect(paint?.at).toBeGreaterThanOrEqual(before);
    expect(await firstPaintOf(run, 2)).toBeUndefined();
  });

  it('gives no figure where there are no animation frames, rather than a guess', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    const run = createFakeRun();
    markTextCommitted(run, 1);
    expect(await firstPaintOf(run, 1)).toBeUndefined();
  });
});
