/**
 * How a response arrives. Every field is also a per-request override of the
 * same name (`?tps=200`, `x-mock-tps: 200`).
 */
export interface TimingProfile {
  /** Time to first token in ms, from the request to the first content token. */
  ttft: number;
  /** Mean tokens per second after the first token; `Infinity` writes without waiting. */
  tps: number;
  /** Relative jitter of each inter-token interval, 0..1 (0.3 = ±30 %, uniform). */
  jitter: number;
  /** Tokens coalesced per write (1 = one write per token), as a congested link or a batching server does. */
  burst: number;
  /** Token index before which the stream stalls, or `null`. */
  stallAt: number | null;
  /** Length of that stall in ms. */
  stallMs: number;
  /** Token index at which the connection is cut without the terminal event, or `null`. */
  dropAt: number | null;
  /** Token index before which one event with invalid JSON is inserted, or `null`. */
  malformedAt: number | null;
  /** A proxy that buffers the whole body and releases it in one write at the end. */
  buffer: boolean;
  /** HTTP status answered before any byte of the stream (429, 500, …), or `null` to stream. */
  status: number | null;
  /** `Retry-After` seconds sent with {@link TimingProfile.status}, or `null`. */
  retryAfter: number | null;
}

const base: TimingProfile = {
  ttft: 200,
  tps: 100,
  jitter: 0.2,
  burst: 1,
  stallAt: null,
  stallMs: 0,
  dropAt: null,
  malformedAt: null,
  buffer: false,
  status: null,
  retryAfter: null,
};

/**
 * The named timing presets. Numbers are chosen to resemble what a browser sees
 * from hosted models: `typical` is a mid-size model on a good connection,
 * `slow-3g` a fast model behind a poor mobile link.
 */
export const PRESETS = {
  instant: { ...base, ttft: 0, tps: Number.POSITIVE_INFINITY, jitter: 0 },
  fast: base,
  typical: { ...base, ttft: 600, tps: 45, jitter: 0.35 },
  'slow-3g': { ...base, ttft: 2500, tps: 15, jitter: 0.6, burst: 3 },
  bursty: { ...base, ttft: 300, tps: 60, jitter: 0.5, burst: 12 },
  stall: { ...base, tps: 80, stallAt: 40, stallMs: 3000 },
  'buffered-proxy': { ...base, ttft: 300, tps: 80, buffer: true },
  drop: { ...base, dropAt: 30 },
  'rate-limited': { ...base, status: 429, retryAfter: 2 },
  malformed: { ...base, malformedAt: 20 },
} as const satisfies Record<string, TimingProfile>;

/** Name of a timing preset. */
export type PresetName = keyof typeof PRESETS;

/** Every preset name, in documentation order. */
export const PRESET_NAMES = Object.keys(PRESETS) as readonly PresetName[];

/** The preset used when a request names none. */
export const DEFAULT_PRESET: PresetName = 'fast';
