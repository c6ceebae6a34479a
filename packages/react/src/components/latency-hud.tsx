'use client';
import type { StreamRun } from '@tokenpaint/core';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { useMetricsContext } from '../metrics/tokenpaint-provider.tsx';
import { type RunMetrics, useRunMetrics } from '../metrics/use-run-metrics.ts';

/** Props of {@link LatencyHUD}. */
export interface LatencyHUDProps {
  /**
   * The run whose current answer is shown. Left out, inside a
   * `<TokenpaintProvider>`: the run most recently started by a component
   * inside it. Nothing renders without a run.
   */
  readonly run?: StreamRun | null;
  readonly className?: string;
}

const FRAME_MS = 1000 / 60;
const noRun = (): null => null;

const ms = (value: number | undefined): string => (value === undefined ? '–' : `${Math.round(value)} ms`);

// TTFT and TTFP of the answers finished on this page, for the running p50/p95.
const pageAnswers: Array<{ ttft: number | undefined; ttfp: number | undefined }> = [];
const counted = new WeakMap<StreamRun, Set<number>>();

function remember(run: StreamRun, metrics: RunMetrics): void {
  if (metrics.status === 'connecting' || metrics.status === 'waiting') return;
  const generation = run.getSnapshot().generation;
  const seen = counted.get(run) ?? new Set<number>();
  counted.set(run, seen);
  const done = metrics.status === 'done' || metrics.status === 'error' || metrics.status === 'aborted';
  if (!done || seen.has(generation) || metrics.metrics.ttfp_ms === undefined) return;
  seen.add(generation);
  pageAnswers.push({ ttft: metrics.metrics.ttft_ms, ttfp: metrics.metrics.ttfp_ms });
  if (pageAnswers.length > 500) pageAnswers.shift();
}

function percentile(values: number[], q: number): number | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

function Waterfall({ waterfall }: { readonly waterfall: RunMetrics['waterfall'] }): ReactNode {
  const parts = [
    ['ttfb', 'request → first byte', waterfall.ttfb],
    ['first-token', 'first byte → first token', waterfall.firstToken],
    ['paint', 'first token → on screen', waterfall.paint],
  ] as const;
  const total = parts.reduce((sum, [, , value]) => sum + (value ?? 0), 0);
  return (
    <div data-tp-part="hud-waterfall" role="img" aria-label="Latency waterfall">
      {parts.map(([name, label, value]) =>
        value === undefined ? null : (
          <span
            key={name}
            data-tp-stage={name}
            title={`${label}: ${ms(value)}`}
            style={{ flexGrow: total > 0 ? Math.max(value, total / 100) : 1 }}
          />
        ),
      )}
    </div>
  );
}

/** Frame intervals as a line, with the 60 Hz frame as a guide: a spike is a frame the user saw stall. */
function Sparkline({ frames }: { readonly frames: readonly number[] }): ReactNode {
  const width = 120;
  const height = 28;
  const top = Math.max(50, ...frames);
  const y = (value: number): number => height - (Math.min(value, top) / top) * height;
  const points = frames.map(
    (value, i) => `${((i / Math.max(1, frames.length - 1)) * width).toFixed(1)},${y(value).toFixed(1)}`,
  );
  const longest = frames.length === 0 ? undefined : Math.max(...frames);
  return (
    <svg
      data-tp-part="hud-frames"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={longest === undefined ? 'No frames yet' : `Longest frame ${Math.round(longest)} ms`}
    >
      <line x1={0} x2={width} y1={y(FRAME_MS)} y2={y(FRAME_MS)} data-tp-part="hud-frame-guide" />
      {points.length > 1 && <polyline points={points.join(' ')} fill="none" />}
    </svg>
  );
}

/**
 * A small overlay for the current answer: the waterfall (request → first byte
 * → first token → on screen), TTFT, TTFP and paint lag, tokens/s, output tokens
 * (with their source) and total time, a sparkline
 * of frame times while it streams, and this page's running p50/p95. For
 * development and demos: it measures frames while an answer streams. Its root
 * carries the run's request start and first token as clock times
 * (`data-tp-request-start`, `data-tp-first-token-at`), to line it up with a trace.
 *
 * @example
 * const { run } = useStream({ url: '/api/chat', body });
 * <LatencyHUD run={run} />
 */
export function LatencyHUD({ run: given, className }: LatencyHUDProps): ReactNode {
  const { latestRun } = useMetricsContext();
  const latest = useSyncExternalStore(latestRun.subscribe, latestRun.get, noRun);
  const run = given === undefined ? latest : given;
  const metrics = useRunMetrics(run);
  useEffect(() => {
    if (run !== null && metrics !== null) remember(run, metrics);
  }, [run, metrics]);
  if (run === null || metrics === null) return null;
  const { metrics: figures } = metrics;
  const p = (key: 'ttft' | 'ttfp', q: number) =>
    percentile(
      pageAnswers.map((answer) => answer[key] ?? Number.NaN),
      q,
    );
  return (
    <aside
      data-tp-part="hud"
      data-tp-status={metrics.status}
      data-tp-request-start={metrics.requestStart}
      data-tp-first-token-at={metrics.firstTokenAt}
      className={className}
      aria-label="Answer latency"
    >
      <Waterfall waterfall={metrics.waterfall} />
      <dl>
        <dt>TTFT</dt>
        <dd data-tp-figure="ttft">{ms(figures.ttft_ms)}</dd>
        <dt>on screen</dt>
        <dd data-tp-figure="ttfp">
          {ms(figures.ttfp_ms)}
          {metrics.firstPaint !== undefined && <small> {metrics.firstPaint.method}</small>}
        </dd>
        <dt>paint lag</dt>
        <dd data-tp-figure="paint-lag">{ms(figures.paint_lag_ms)}</dd>
        <dt>tokens/s</dt>
        <dd data-tp-figure="tokens-per-s">
          {figures.tokens_per_s === undefined ? '–' : Math.round(figures.tokens_per_s)}
        </dd>
        <dt>tokens</dt>
        <dd data-tp-figure="tokens">
          {figures.output_tokens ?? '–'}
          {figures.output_tokens !== undefined && <small> {metrics.tokenSource}</small>}
        </dd>
        <dt>total</dt>
        <dd data-tp-figure="e2e">{ms(figures.e2e_ms)}</dd>
        <dt>page p50 / p95</dt>
        <dd data-tp-figure="page-ttfp">
          {pageAnswers.length === 0 ? '–' : `${ms(p('ttfp', 0.5))} / ${ms(p('ttfp', 0.95))}`}
        </dd>
      </dl>
      {metrics.flags.includes('buffered') && (
        <p data-tp-part="hud-flag">
          Arrived in one burst: a proxy is buffering the stream (send <code>X-Accel-Buffering: no</code>, or
          set <code>proxy_buffering off</code>).
        </p>
      )}
      <Sparkline frames={metrics.frames} />
    </aside>
  );
}
