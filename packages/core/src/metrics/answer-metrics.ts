/**
 * The figures of one answer, derived from the run's own timing: what the
 * beacon reports and a HUD shows. Every duration is on the run's clock
 * (`performance.now()` in browsers), so differences are exact and immune to
 * wall-clock jumps.
 */
import type { AnswerMetric, TokenSource } from '../beacon/schema.ts';
import type { StreamSnapshot } from '../run/types.ts';
import { toolWaits } from './tool-waits.ts';

/** What the run does not know: the user's action and the first paint, both on the run's clock. */
export interface AnswerMoments {
  /** When the user acted (the click, the Enter) that started the run. */
  actionAt?: number;
  /** When the first answer text was painted. */
  firstPaint?: number;
}

/** Options of {@link deriveAnswerMetrics}. */
export interface DeriveOptions {
  /** A gap between deltas longer than this counts as a stall. Default 2,000 ms. */
  stallGapMs?: number;
}

/** The derived figures: metrics by their payload names, where the output-token count came from, and diagnoses. */
export interface DerivedAnswerMetrics {
  metrics: Partial<Record<AnswerMetric, number>>;
  tokenSource: TokenSource;
  /** `buffered`: the answer arrived in one burst after a silence (a buffering proxy). */
  flags: string[];
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** 0.1 ms precision, never negative: what the payload carries. */
const ms = (value: number): number => Math.max(0, Math.round(value * 10) / 10);

const BURST_MIN_DELTAS = 20;
const BURST_MAX_SPAN_MS = 10;
const BURST_MIN_SILENCE_MS = 250;

/**
 * A buffering proxy (nginx's `proxy_buffering on`, some CDNs) holds a streamed
 * response and releases it in one flush: the deltas then arrive together after
 * a silence. Flagged when at least 20 deltas came, 90 % of them within 10 ms of
 * the first (over 1,800 deltas per second, faster than any model streams), after
 * a silence of at least 250 ms since the request started.
 */
export function looksBuffered(requestStart: number, arrivals: readonly number[]): boolean {
  if (arrivals.length < BURST_MIN_DELTAS) return false;
  const first = arrivals[0] ?? 0;
  const ninetieth = arrivals[Math.ceil(0.9 * arrivals.length) - 1] ?? first;
  return ninetieth - first <= BURST_MAX_SPAN_MS && first - requestStart >= BURST_MIN_SILENCE_MS;
}

/**
 * Derives an answer's figures from its final snapshot. Definitions (all in ms
 * unless named otherwise; "start" is the request start):
 * - `ttfb_ms` first byte − start; `ttft_ms` first token − start;
 *   `ttft_from_action_ms` first token − the user's action;
 * - `ttfp_ms` first paint − start, `ttfp_from_action_ms` from the action,
 *   `paint_lag_ms` first paint − first token;
 * - `output_tokens` the provider's `usage` where the stream carried it, else the
 *   number of text and reasoning deltas (`tokenSource` says which);
 * - `tpot_ms` (last token − first token) / (output tokens − 1);
 *   `tokens_per_s` output tokens / (last token − first token);
 * - `itl_p50_ms`, `itl_p95_ms`, `itl_p99_ms` percentiles of the gaps between
 *   consecutive deltas (a delta may hold several tokens);
 * - `stalls`, `stall_ms` gaps longer than `stallGapMs`, their count and sum;
 * - `e2e_ms` end − start, `e2e_from_action_ms` from the action;
 * - `tool_calls` the number of tool calls in the answer; `tool_wait_ms` the time
 *   from a call's complete arguments to its result in the stream, overlapping
 *   waits of parallel calls counted once (absent when no result came in the stream);
 * - `retries` requests sent again before any data, `resumes` reconnects with `Last-Event-ID`.
 */
export function deriveAnswerMetrics(
  snapshot: StreamSnapshot,
  moments: AnswerMoments = {},
  options: DeriveOptions = {},
): DerivedAnswerMetrics {
  const { timing, usage } = snapshot;
  const start = timing.requestStart;
  const metrics: Partial<Record<AnswerMetric, number>> = {};
  const set = (name: AnswerMetric, value: number | undefined): void => {
    if (value !== undefined && Number.isFinite(value)) metrics[name] = value;
  };
  const { firstPaint } = moments;
  const actionAt = moments.actionAt ?? timing.actionAt;

  if (timing.firstByte !== undefined) set('ttfb_ms', ms(timing.firstByte - start));
  if (timing.firstToken !== undefined) {
    set('ttft_ms', ms(timing.firstToken - start));
    if (actionAt !== undefined) set('ttft_from_action_ms', ms(timing.firstToken - actionAt));
    if (firstPaint !== undefined) set('paint_lag_ms', ms(firstPaint - timing.firstToken));
  }
  if (firstPaint !== undefined) {
    set('ttfp_ms', ms(firstPaint - start));
    if (actionAt !== undefined) set('ttfp_from_action_ms', ms(firstPaint - actionAt));
  }

  const counted = timing.tokenCount;
  const tokenSource: TokenSource = usage?.outputTokens !== undefined ? 'usage' : 'counted';
  const outputTokens = usage?.outputTokens ?? counted;
  if (outputTokens > 0) set('output_tokens', outputTokens);
  if (usage?.inputTokens !== undefined) set('input_tokens', usage.inputTokens);
  if (usage?.cachedInputTokens !== undefined) set('cached_input_tokens', usage.cachedInputTokens);

  const arrivals = timing.tokenArrivals;
  const flags: string[] = [];
  if (timing.firstToken !== undefined && timing.lastToken !== undefined) {
    const span = timing.lastToken - timing.firstToken;
    if (outputTokens >= 2 && span > 0) {
      set('tpot_ms', ms(span / (outputTokens - 1)));
      set('tokens_per_s', Math.round((outputTokens / (span / 1000)) * 10) / 10);
    }
    const gaps: number[] = [];
    for (let i = 1; i < arrivals.length; i++) gaps.push((arrivals[i] ?? 0) - (arrivals[i - 1] ?? 0));
    const stallGap = options.stallGapMs ?? 2_000;
    const stalled = gaps.filter((gap) => gap > stallGap);
    gaps.sort((a, b) => a - b);
    const p = (q: number) => percentile(gaps, q);
    const [p50, p95, p99] = [p(0.5), p(0.95), p(0.99)];
    if (p50 !== undefined) set('itl_p50_ms', ms(p50));
    if (p95 !== undefined) set('itl_p95_ms', ms(p95));
    if (p99 !== undefined) set('itl_p99_ms', ms(p99));
    set('stalls', stalled.length);
    if (stalled.length > 0) set('stall_ms', ms(stalled.reduce((sum, gap) => sum + gap, 0)));
    if (looksBuffered(start, arrivals)) flags.push('buffered');
  }
  if (timing.end !== undefined) {
    set('e2e_ms', ms(timing.end - start));
    if (actionAt !== undefined) set('e2e_from_action_ms', ms(timing.end - actionAt));
  }
  set('tool_calls', snapshot.toolCalls.length);
  const waits = toolWaits(timing);
  if (waits.length > 0) set('tool_wait_ms', ms(waits.reduce((sum, [from, to]) => sum + (to - from), 0)));
  set('retries', timing.retries ?? 0);
  set('resumes', timing.resumes ?? 0);
  return { metrics, tokenSource, flags };
}
