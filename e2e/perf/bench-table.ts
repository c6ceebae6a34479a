/**
 * Formats the benchmark's figures as a plain-text table (medians per
 * configuration) and the tokenpaint-vs-AI-SDK ratios, for the console.
 */
import type { RunMetrics } from './bench-metrics.ts';

/** A run's figures plus the main thread's script time, which the page's samples cannot give. */
export interface TableMetrics extends RunMetrics {
  /** Script ms (Chrome's `ScriptDuration`) per 1,000 streamed tokens, from start to the finished answer. */
  readonly scriptMsPer1k: number;
}

/** The medians of one implementation under one CPU setting. */
export interface TableRow {
  readonly cpu: string;
  readonly impl: string;
  readonly runs: number;
  readonly metrics: TableMetrics;
}

interface Column {
  readonly title: string;
  readonly value: (m: TableMetrics) => number;
  readonly digits: number;
  /** Whether a larger value is better (fps); decides which way the ratio is taken. */
  readonly higherIsBetter?: boolean;
}

const COLUMNS: readonly Column[] = [
  { title: 'commits/frame', value: (m) => m.commitsPerFrame, digits: 2 },
  { title: 'read→paint ms', value: (m) => m.readToPaintMs, digits: 1 },
  { title: 'read→DOM ms', value: (m) => m.readToDomMs, digits: 1 },
  { title: 'fps', value: (m) => m.fps, digits: 1, higherIsBetter: true },
  { title: 'p95 frame ms', value: (m) => m.p95FrameMs, digits: 1 },
  { title: 'max frame ms', value: (m) => m.maxFrameMs, digits: 1 },
  { title: 'long tasks ms', value: (m) => m.longTaskMs, digits: 0 },
  { title: 'long tasks', value: (m) => m.longTaskCount, digits: 0 },
  { title: 'LoAF ms', value: (m) => m.longFrameMs, digits: 0 },
  { title: 'script ms/1k tok', value: (m) => m.scriptMsPer1k, digits: 0 },
  { title: 'render ms', value: (m) => m.renderMs, digits: 0 },
  { title: 'stream ms', value: (m) => m.totalMs, digits: 0 },
  { title: 'end lag ms', value: (m) => m.endLagMs, digits: 0 },
];

function grid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The medians table, one row per CPU setting and implementation. */
export function formatMedians(rows: readonly TableRow[]): string {
  return grid(
    ['cpu', 'impl (runs)', ...COLUMNS.map((c) => c.title)],
    rows.map((r) => [
      r.cpu,
      `${r.impl} (${r.runs})`,
      ...COLUMNS.map((c) => c.value(r.metrics).toFixed(c.digits)),
    ]),
  );
}

/**
 * How many times better tokenpaint is than each other implementation, per
 * figure (> 1 = tokenpaint better): other ÷ tokenpaint, or the inverse for fps.
 */
export function formatRatios(rows: readonly TableRow[], reference = 'tokenpaint'): string {
  const out: string[][] = [];
  for (const base of rows.filter((r) => r.impl === reference)) {
    for (const other of rows.filter((r) => r.cpu === base.cpu && r.impl !== reference)) {
      out.push([
        base.cpu,
        `vs ${other.impl}`,
        ...COLUMNS.map((c) => {
          const ours = c.value(base.metrics);
          const theirs = c.value(other.metrics);
          const ratio = c.higherIsBetter ? ours / theirs : theirs / ours;
          return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
        }),
      ]);
    }
  }
  return grid(['cpu', `${reference} better by`, ...COLUMNS.map((c) => c.title)], out);
}
