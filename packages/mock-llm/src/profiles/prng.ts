/**
 * mulberry32: a 32-bit seeded PRNG. Tiny, fast and good enough for timing
 * jitter; what matters here is that one seed always yields the same stream, so
 * a flaky-looking run can be replayed exactly.
 *
 * @param seed - Any integer; only its low 32 bits are used.
 * @returns A function returning floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
