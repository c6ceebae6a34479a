// `pnpm --dir e2e exec vitest run perf/suite-table.test.ts`
import { describe, expect, it } from 'vitest';
import { formatSuiteTable, medianFigures, type SuiteFigures, type SuiteRun } from './suite-table.ts';

const base: SuiteFigures = {
  firstPaintMs: 10,
  fps: 60,
  longestFrameMs: 17,
  longFrameMs: 0,
  scriptMsPer1k: 100,
  commitsPerFrame: 1,
  heapMb: 20,
  inpMs: 16,
  inputMainMs: 1,
};
const cell = { tps: 1000, prior: 1000, cpu: 1 };

function run(impl: string, rep: number, patch: Partial<SuiteFigures> = {}): SuiteRun {
  return { cell, impl, rep, figures: { ...base, ...patch } };
}

describe('formatSuiteTable', () => {
  it('gives the other implementations their ratio to tokenpaint in the same cell', () => {
    const table = formatSuiteTable(
      [run('tokenpaint', 1), run('ai-sdk', 1, { firstPaintMs: 20, fps: 30, commitsPerFrame: 5 })],
      [cell],
      ['tokenpaint', 'ai-sdk'],
    );
    const [header, rule, ours, theirs] = table.split('\n');
    expect(header).toContain('first paint ms');
    expect(rule).toMatch(/^\|:-+\|/);
    expect(ours).toContain('tokenpaint (1)');
    expect(ours).not.toContain('×)');
    expect(theirs).toContain('20.0 (2.00×)'); // first paint: theirs ÷ ours
    expect(theirs).toContain('30.0 (2.00×)'); // fps: ours ÷ theirs
    expect(theirs).toContain('5.00 (5.00×)');
    // A zero on tokenpaint's side (no long frames) has no ratio.
    expect(theirs).toContain('0 (–)');
  });

  it('takes medians over the reps and skips implementations with no runs', () => {
    const runs = [
      run('tokenpaint', 1, { fps: 50 }),
      run('tokenpaint', 2, { fps: 58 }),
      run('tokenpaint', 3, { fps: 60 }),
    ];
    expect(medianFigures(runs.map((r) => r.figures)).fps).toBe(58);
    const table = formatSuiteTable(runs, [cell], ['tokenpaint', 'naive']);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('tokenpaint (3)');
  });

  it('shows a figure that was not measured as a dash', () => {
    const table = formatSuiteTable(
      [run('tokenpaint', 1, { longFrameMs: Number.NaN })],
      [cell],
      ['tokenpaint'],
    );
    expect(table.split('\n')[2]).toMatch(/\| +– \|/);
  });
});
