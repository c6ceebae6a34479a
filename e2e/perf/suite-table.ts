/**
 * The performance suite's report: one Markdown table, a row per cell (token
 * rate × prior messages × CPU) and implementation, each figure the median of
 * the cell's runs; every other implementation's figure carries its ratio to
 * tokenpaint's in the same cell (> 1× = tokenpaint better). Pure, so the table
 * can be rebuilt from the JSON the suite writes.
 */
import { median } from './bench-metrics.ts';

/** The figures of one run of the suite. */
export interface SuiteFigures {
  /** First token read → the frame that shows it, ms. */
  readonly firstPaintMs: number;
  readonly fps: number;
  readonly longestFrameMs: number;
  /** Long animation frames (> 50 ms) while streaming: total ms. */
  readonly longFrameMs: number;
  /** Main-thread script time (Chrome's ScriptDuration) per 1,000 tokens streamed, ms. */
  readonly scriptMsPer1k: number;
  readonly commitsPerFrame: number;
  /** JS heap after the answer, after a forced GC, MB. */
  readonly heapMb: number;
  /** INP while typing during the stream, ms. */
  readonly inpMs: number;
  /** The longest input delay + handlers among those interactions, ms (see `typing.ts`). */
  readonly inputMainMs: number;
}

/** Where a run was measured. */
export interface SuiteCell {
  readonly tps: number;
  readonly prior: number;
  readonly cpu: number;
}

/** One run: its cell, implementation and figures. */
export interface SuiteRun {
  readonly cell: SuiteCell;
  readonly impl: string;
  readonly rep: number;
  readonly figures: SuiteFigures;
}

interface Column {
  readonly title: string;
  readonly key: keyof SuiteFigures;
  readonly digits: number;
  readonly higherIsBetter?: boolean;
}

const COLUMNS: readonly Column[] = [
  { title: 'first paint ms', key: 'firstPaintMs', digits: 1 },
  { title: 'fps', key: 'fps', digits: 1, higherIsBetter: true },
  { title: 'longest frame ms', key: 'longestFrameMs', digits: 1 },
  { title: 'LoAF ms', key: 'longFrameMs', digits: 0 },
  { title: 'script ms/1k tok', key: 'scriptMsPer1k', digits: 0 },
  { title: 'commits/frame', key: 'commitsPerFrame', digits: 2 },
  { title: 'heap MB', key: 'heapMb', digits: 1 },
  { title: 'INP ms', key: 'inpMs', digits: 0 },
  { title: 'input delay+handlers ms', key: 'inputMainMs', digits: 1 },
];

const sameCell = (a: SuiteCell, b: SuiteCell): boolean =>
  a.tps === b.tps && a.prior === b.prior && a.cpu === b.cpu;

/** The median of every figure over `runs`. */
export function medianFigures(runs: readonly SuiteFigures[]): SuiteFigures {
  return Object.fromEntries(
    COLUMNS.map(({ key }) => [key, median(runs.map((run) => run[key]))]),
  ) as unknown as SuiteFigures;
}

/** `theirs ÷ ours` (or the inverse where higher is better) as `1.23×`; `–` where either is missing or zero. */
function ratio(column: Column, ours: number, theirs: number): string {
  const value = column.higherIsBetter ? ours / theirs : theirs / ours;
  return Number.isFinite(value) && value > 0 ? `${value.toFixed(2)}×` : '–';
}

function cellText(column: Column, value: number): string {
  return Number.isFinite(value) ? value.toFixed(column.digits) : '–';
}

/** The Markdown table; cells and implementations in the order given. */
export function formatSuiteTable(
  runs: readonly SuiteRun[],
  cells: readonly SuiteCell[],
  impls: readonly string[],
  reference = 'tokenpaint',
): string {
  const header = ['tok/s', 'prior', 'CPU', 'impl (runs)', ...COLUMNS.map((c) => c.title)];
  const rows: string[][] = [];
  for (const cell of cells) {
    const ofImpl = (impl: string) => runs.filter((r) => r.impl === impl && sameCell(r.cell, cell));
    const ours = ofImpl(reference);
    const base = ours.length > 0 ? medianFigures(ours.map((r) => r.figures)) : undefined;
    for (const impl of impls) {
      const mine = ofImpl(impl);
      if (mine.length === 0) continue;
      const figures = medianFigures(mine.map((r) => r.figures));
      rows.push([
        String(cell.tps),
        String(cell.prior),
        `${cell.cpu}×`,
        `${impl} (${mine.length})`,
        ...COLUMNS.map((column) => {
          const text = cellText(column, figures[column.key]);
          if (impl === reference || base === undefined || text === '–') return text;
          return `${text} (${ratio(column, base[column.key], figures[column.key])})`;
        }),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i < 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 4 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
