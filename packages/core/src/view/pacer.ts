/**
 * Pacing math: how many received characters to show at a given moment, so text
 * that arrives in bursts (a proxy flushing 200 tokens, then silence) flows at a
 * steady speed instead of appearing in jumps. Pure and framework-free: it sees
 * lengths and times, never React or the DOM, so it is tested in isolation.
 *
 * The model:
 * - Arrival rate: a time-weighted EWMA of characters per ms. An arrival of `Δ`
 *   characters `dt` ms after the previous one moves the estimate toward `Δ/dt`
 *   with weight `α = 1 − e^(−dt/τ)` (τ = `rateWindowMs`). The update
 *   `r ← r·(1−α) + Δ·(1−e^(−dt/τ))/dt` tends to `Δ/τ` as `dt → 0`, so a burst split
 *   into many same-millisecond chunks estimates the same rate as one chunk, and
 *   bursts of B characters every P ms settle at `B/P`: the speed that fills the gap.
 * - Reveal per frame: `max(rate, minCharsPerSecond) × dt`, or more when a waiting
 *   chunk needs it: each chunk must show by its deadline (arrival + `maxLagMs`), so
 *   its remaining characters are spread evenly over the frames left before that
 *   deadline. The share rises smoothly as a deadline nears, and a hard clamp reveals
 *   any chunk whose deadline has passed: the display never lags what was received by
 *   more than `maxLagMs` (plus the frame that shows it).
 * - First token: revealed in full on arrival, never paced, with the rest of its
 *   network read (parts arriving within MERGE_MS of it while nothing is held back).
 * - Finish: once the stream ends, the deadline of everything left becomes
 *   `finish time + drainMs`, so the tail shows promptly instead of trickling.
 */

/** Knobs of the `pacing` option. */
export interface PacingOptions {
  /** The most the display may lag behind received text, in ms. Default 400. */
  readonly maxLagMs?: number;
  /** Time constant of the arrival-rate EWMA, in ms (≈ how far back the rate looks). Default 1000. */
  readonly rateWindowMs?: number;
  /** Never reveal slower than this while text is waiting. Default 40 characters per second. */
  readonly minCharsPerSecond?: number;
  /** Once the stream ends, show what remains within this many ms. Default 150. */
  readonly drainMs?: number;
}

/** Arrivals closer than this (ms) count as one chunk. */
const MERGE_MS = 4;

/** Resolved pacing knobs. */
export type ResolvedPacing = Required<PacingOptions>;

/** Defaults of {@link PacingOptions}. */
export const defaultPacing: ResolvedPacing = Object.freeze({
  maxLagMs: 400,
  rateWindowMs: 1000,
  minCharsPerSecond: 40,
  drainMs: 150,
});

/** Fills in defaults and rejects knobs that would stall the display. */
export function resolvePacing(options: PacingOptions | true): ResolvedPacing {
  const resolved = { ...defaultPacing, ...(options === true ? {} : options) };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0 || (key === 'rateWindowMs' && value === 0)) {
      throw new RangeError(`pacing.${key} must be a finite number ≥ 0 (rateWindowMs > 0), got ${value}`);
    }
  }
  return resolved;
}

/** The pacing state of one stream. */
export interface Pacer {
  /**
   * Total characters received so far, reported at arrival time `now`, for the run's
   * `generation` (`StreamSnapshot.generation`): a different generation (a retry)
   * starts the pacing over. A smaller total than before (text discarded) shows
   * at most that many.
   */
  arrive(total: number, now: number, generation?: number): void;
  /** The stream ended (done): everything left must show within `drainMs` of the first call. */
  finish(now: number): void;
  /** Advances the display to `now` and returns how many characters to show. */
  next(now: number): number;
  /** Shows at least `count` characters (used to round up to a whole code point, or to reveal everything). */
  revealTo(count: number): void;
  /** Characters shown. */
  readonly revealed: number;
  /** Characters received. */
  readonly received: number;
  /** The current arrival-rate estimate, in characters per ms. */
  readonly rate: number;
}

/** Creates the pacing state of one stream. */
export function createPacer(options: PacingOptions | true = true): Pacer {
  const knobs = resolvePacing(options);
  const minRate = knobs.minCharsPerSecond / 1000;
  let received = 0;
  let revealed = 0;
  let rate = 0;
  let carry = 0;
  let lastArrival: number | undefined;
  /** When the first token arrived: the rest of its network read (within MERGE_MS) shows with it. */
  let firstAt: number | undefined;
  let lastStep: number | undefined;
  let finishedAt: number | undefined;
  // Received chunks not fully shown yet, oldest first: [end index, arrival time].
  let chunks: Array<readonly [number, number]> = [];
  let head = 0;
  let generation: number | undefined;

  const reset = (): void => {
    received = revealed = rate = carry = 0;
    lastArrival = firstAt = lastStep = finishedAt = undefined;
    chunks = [];
    head = 0;
  };

  const dropShown = (): void => {
    while (head < chunks.length && (chunks[head] as readonly [number, number])[0] <= revealed) head++;
    if (head > 1024) {
      chunks = chunks.slice(head);
      head = 0;
    }
  };

  return {
    arrive(total, now, of) {
      if (of !== generation) {
        reset();
        generation = of;
      }
      if (total === received) return;
      if (total < received) {
        // The text was cut back (an AI SDK reset-step discarded a step): show no
        // more than is left, and keep pacing what follows from there.
        received = total;
        revealed = Math.min(revealed, total);
        chunks = chunks.slice(head).filter(([end]) => end <= total);
        head = 0;
        return;
      }
      const delta = total - received;
      // A display that was caught up starts pacing from now, not from its last frame long ago.
      if (revealed >= received) lastStep = now;
      received = total;
      if (firstAt === undefined || (now - firstAt < MERGE_MS && revealed + delta === total)) {
        // The first token is never paced: it is the moment perceived latency is judged on.
        // The parts parsed from the same network read come with it (a Markdown heading
        // "#" alone would otherwise show nothing for several frames).
        revealed = total;
        firstAt ??= now;
        lastArrival = lastStep = now;
        return;
      }
      const dt = Math.max(0, now - (lastArrival ?? now));
      const tau = knobs.rateWindowMs;
      const decay = Math.exp(-dt / tau);
      rate = rate * decay + (dt > 0 ? (delta * (1 - decay)) / dt : delta / tau);
      lastArrival = now;
      // Deltas of one network write arrive within microseconds: one chunk (with the earliest
      // time, so the lag bound stays conservative) keeps the deadline scan short.
      const last = chunks[chunks.length - 1];
      if (chunks.length > head && last && now - last[1] < MERGE_MS)
        chunks[chunks.length - 1] = [total, last[1]];
      else chunks.push([total, now]);
    },
    finish(now) {
      finishedAt ??= now;
    },
    next(now) {
      const dt = lastStep === undefined ? 0 : Math.max(0, now - lastStep);
      lastStep = now;
      if (revealed >= received) {
        carry = 0;
        return revealed;
      }
      dropShown();
      // Hard bound: whatever is past its deadline shows now, whatever the speed said.
      for (let i = head; i < chunks.length; i++) {
        const [end, at] = chunks[i] as readonly [number, number];
        if (at + knobs.maxLagMs > now) break;
        revealed = Math.max(revealed, end);
      }
      const drainBy = finishedAt === undefined ? undefined : finishedAt + knobs.drainMs;
      if (drainBy !== undefined && drainBy <= now) revealed = received;
      // This frame's share: the steady speed, or more if some chunk's remaining characters,
      // spread evenly over the frames left before its deadline, need more. Spreading (rather
      // than a speed × time) never overshoots into a chunk that is not due, so no jumps.
      let want = Math.max(rate, minRate) * dt;
      for (let i = head; i < chunks.length; i++) {
        const [end, at] = chunks[i] as readonly [number, number];
        if (end > revealed) want = Math.max(want, ((end - revealed) * dt) / (at + knobs.maxLagMs - now + dt));
      }
      if (drainBy !== undefined && drainBy > now) {
        want = Math.max(want, ((received - revealed) * dt) / (drainBy - now + dt));
      }
      carry += want;
      const step = Math.floor(carry);
      carry -= step;
      revealed = Math.min(received, revealed + step);
      if (revealed >= received) carry = 0;
      return revealed;
    },
    revealTo(count) {
      revealed = Math.min(received, Math.max(revealed, count));
    },
    get revealed() {
      return revealed;
    },
    get received() {
      return received;
    },
    get rate() {
      return rate;
    },
  };
}
