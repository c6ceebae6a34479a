/**
 * Streams JSON documents in 8-character deltas and reads the partial value
 * after every delta, as a UI does, with tokenpaint and the parsers it is
 * measured against. Run from the repository root:
 *
 *   node --conditions=@tokenpaint/source packages/core/bench/json-stream.ts
 *
 * Figures are CPU time (see `begin`). Each parser runs up to ten times per
 * document while its runs add up to less than three seconds, and the best run
 * is reported (noise only ever adds time). Peers that re-parse the whole text
 * per delta, and tokenpaint reading a wide open container after every delta,
 * are stopped after a minute per document; their total is then extrapolated
 * (quadratic: their cost per delta grows with the text received) and marked as
 * such.
 *
 * Each document also prints the pointer copies that any immutable, plain-array
 * snapshot read after every delta must make (`openArrayCopies`), and the run
 * ends with how each reader's time grows from 100 KiB to 1 MiB: the floor
 * explains the reader that reads after every delta growing faster than the text.
 */
import { Buffer } from 'node:buffer';
import { isDeepStrictEqual } from 'node:util';
import { createPartialJSON } from '@tokenpaint/core';
import { parsePartialJson } from 'ai';
import { parse as jsonriver } from 'jsonriver';
import { parse as partialJson } from 'partial-json';
import {
  catalogDocument,
  deepDocument,
  deltasOf,
  escapedStringsDocument,
  longStringDocument,
  numbersDocument,
  openArrayCopies,
  unicodeEscapesDocument,
  wideArrayDocument,
  wideObjectDocument,
} from './json-docs.ts';

const DELTA = 8;
const BUDGET_MS = 60_000;

interface Outcome {
  /** Measured CPU time, or the extrapolated total when stopped early. */
  readonly ms: number;
  /** Wall time of the same work (best run): what a user waits for. CPU time also counts the GC's helper threads. */
  readonly wallMs: number;
  /** Share of the text parsed; below 1 when stopped by the budget. */
  readonly share: number;
  readonly final: unknown;
}

type Runner = (deltas: readonly string[], total: number) => Promise<Outcome>;

/** The best of up to ten runs, as long as the runs take under three seconds in total. */
async function best(run: Runner, deltas: readonly string[], total: number): Promise<Outcome> {
  const started = performance.now();
  let result = await run(deltas, total);
  let wallMs = result.wallMs;
  for (let k = 1; k < 10 && performance.now() - started < 3000; k++) {
    const next = await run(deltas, total);
    if (next.ms < result.ms) result = next;
    wallMs = Math.min(wallMs, next.wallMs);
  }
  return { ...result, wallMs };
}

let sink: unknown; // every read lands here, so no engine can skip it

/**
 * Where a run starts: wall time for the one-minute budget, and CPU time (user +
 * system, all of this process's threads) for the figure. The development
 * machine is shared, so wall time would mostly measure the other jobs.
 */
interface Start {
  readonly wall: number;
  readonly cpu: NodeJS.CpuUsage;
}

function begin(): Start {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function overBudget(start: Start): boolean {
  return performance.now() - start.wall > BUDGET_MS;
}

/** Measured CPU time, or a total extrapolated from the share parsed within the budget. */
function outcome(start: Start, read: number, total: number, final: unknown, quadratic: boolean): Outcome {
  const used = process.cpuUsage(start.cpu);
  const ms = (used.user + used.system) / 1000;
  const wall = performance.now() - start.wall;
  const share = read / total;
  const scale = share === 1 ? 1 : quadratic ? share * share : share;
  return { ms: ms / scale, wallMs: wall / scale, share, final };
}

/** tokenpaint reading the value after every `every`-th delta (1: after each); `live`: one tree mutated in place. */
function tokenpaintReading(every: number, live = false): Runner {
  return async (deltas, total) => {
    const start = begin();
    const parser = createPartialJSON({ live });
    let read = 0;
    for (let k = 0; k < deltas.length; k++) {
      const delta = deltas[k] as string;
      parser.push(delta);
      read += delta.length;
      if (k % every === 0) sink = parser.value;
      // Only a wide open container read after every delta gets here (its copies grow with the text).
      if (k % 1024 === 0 && overBudget(start)) break;
    }
    return outcome(start, read, total, parser.value, every === 1 && !live);
  };
}

const tokenpaint = tokenpaintReading(1);

/** partial-json and the AI SDK have no incremental API: they re-parse the text received so far. */
function reparsing(parse: (text: string) => unknown | Promise<unknown>): Runner {
  return async (deltas, total) => {
    const start = begin();
    let text = '';
    for (const delta of deltas) {
      text += delta;
      sink = await parse(text);
      if (overBudget(start)) break;
    }
    return outcome(start, text.length, total, sink, true);
  };
}

const jsonriverRunner: Runner = async (deltas, total) => {
  const start = begin();
  let read = 0;
  async function* source(): AsyncGenerator<string> {
    for (const delta of deltas) {
      if (overBudget(start)) return;
      read += delta.length;
      yield delta;
    }
  }
  try {
    for await (const value of jsonriver(source())) sink = value;
  } catch (error) {
    if (read === total) throw error; // a truncated stream is expected to throw when stopped early
  }
  return outcome(start, read, total, sink, false);
};

const PEERS: readonly (readonly [string, Runner])[] = [
  ['partial-json', reparsing((text) => partialJson(text))],
  ['ai parsePartialJson', reparsing(async (text) => (await parsePartialJson(text)).value)],
  ['jsonriver', jsonriverRunner],
];

function format(result: Outcome, base?: Outcome): string {
  const time = result.ms >= 10_000 ? `${(result.ms / 1000).toFixed(1)} s` : `${result.ms.toFixed(1)} ms`;
  const stopped = result.share < 1 ? ` (stopped at ${Math.round(result.share * 100)}%, extrapolated)` : '';
  const ratio =
    base === undefined ? '' : ` = ${(result.ms / base.ms).toFixed(result.ms / base.ms < 10 ? 2 : 0)}×`;
  return `${result.share < 1 ? '~' : ''}${time}${ratio}${stopped}`;
}

/** One document's figures, by runner name, plus the copies floor of that document. */
interface Measured {
  readonly outcomes: ReadonlyMap<string, Outcome>;
  readonly copies: number;
}

async function measure(
  label: string,
  text: string,
  peers: readonly (readonly [string, Runner])[],
): Promise<Measured> {
  const deltas = deltasOf(text, DELTA);
  const expected = JSON.parse(text);
  const size = `${(text.length / 1024).toFixed(0)} Ki chars, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB UTF-8`;
  console.log(`\n${label} (${size}, ${deltas.length} deltas, value read after each)`);
  const base = await best(tokenpaint, deltas, text.length);
  if (base.share === 1 && !isDeepStrictEqual(base.final, expected))
    throw new Error('tokenpaint: final value differs from JSON.parse');
  console.log(`  ${'tokenpaint'.padEnd(22)} ${format(base)}`);
  const outcomes = new Map([['tokenpaint', base]]);
  for (const [name, run] of peers) {
    const result = await best(run, deltas, text.length);
    if (result.share === 1 && !isDeepStrictEqual(result.final, expected))
      console.log(`  ${name}: final value differs`);
    console.log(`  ${name.padEnd(22)} ${format(result, base)} of tokenpaint`);
    outcomes.set(name, result);
  }
  const copies = openArrayCopies(deltas);
  console.log(`  open-array pointer copies any immutable snapshot must make: ${(copies / 1e6).toFixed(2)} M`);
  return { outcomes, copies };
}

/** How a runner's time grows from the small document to the large one. */
function scalingLine(name: string, small: Measured, large: Measured): string {
  const from = small.outcomes.get(name);
  const to = large.outcomes.get(name);
  if (from === undefined || to === undefined || from.share < 1 || to.share < 1) return '';
  return (
    `  ${name.padEnd(22)} ${(to.ms / from.ms).toFixed(1)}× CPU time, ${(to.wallMs / from.wallMs).toFixed(1)}× wall time` +
    ` (${from.wallMs.toFixed(1)} ms → ${to.wallMs.toFixed(1)} ms)`
  );
}

// Warm every parser up on a small document so the first size is not a JIT measurement.
for (const [, run] of [['tokenpaint', tokenpaint] as const, ...PEERS]) {
  const warm = catalogDocument(20_000);
  await run(deltasOf(warm, DELTA), warm.length);
}

// `node json-stream.ts shapes` runs only the per-shape comparison; no argument runs all.
const parts = process.argv.slice(2);
const wants = (part: string) => parts.length === 0 || parts.includes(part);

const READ_EVERY = 32;
const readingPerFrame = tokenpaintReading(READ_EVERY);
const parsingOnly = tokenpaintReading(Number.POSITIVE_INFINITY);
const livePerFrame = tokenpaintReading(READ_EVERY, true);
const liveEveryDelta = tokenpaintReading(1, true);

if (wants('catalog')) await catalogRuns();
if (wants('shapes')) await shapeRuns();
void sink;

async function catalogRuns(): Promise<void> {
  // A UI reads once per frame, not per delta: one line reads after every 32nd
  // delta (256 characters), the last one only at the end (the parse alone).
  const results = new Map<number, Measured>();
  for (const kib of [10, 100, 1024]) {
    const peers: readonly (readonly [string, Runner])[] = [
      ...PEERS,
      ['tokenpaint, 1 read/32', readingPerFrame],
      ['tokenpaint, no reads', parsingOnly],
    ];
    results.set(kib, await measure(`catalog ${kib} KiB`, catalogDocument(kib * 1024), peers));
  }
  const small = results.get(100) as Measured;
  const large = results.get(1024) as Measured;
  console.log(
    `\nscaling, catalog 1 MiB / 100 KiB (linear would be ${(1024 / 100).toFixed(1)}×;` +
      ` the copies floor grows ${(large.copies / small.copies).toFixed(0)}×):`,
  );
  for (const name of ['tokenpaint', 'tokenpaint, 1 read/32', 'tokenpaint, no reads', 'jsonriver']) {
    const line = scalingLine(name, small, large);
    if (line !== '') console.log(line);
  }

  // The worst case for snapshots: one wide open array, copied at every read (O(width)).
  for (const kib of [100, 1024]) {
    await measure(`wide array ${kib} KiB`, wideArrayDocument(kib * 1024), [
      ['jsonriver', jsonriverRunner],
      ['tokenpaint, 1 read/32', readingPerFrame],
    ]);
  }
}

/**
 * Every document shape against jsonriver, at 1 MiB. jsonriver yields its one
 * mutable tree, so each of its reads is free; tokenpaint reads either immutable
 * snapshots (the default, which copy each changed open container) or, with
 * `live: true`, one tree mutated in place as jsonriver does. Reads are judged
 * by what a UI does, one per frame (once per 32 deltas, faster than any model
 * streams); reading after every delta is the worst case, with the copies that
 * snapshots then make; the parse alone is the floor.
 */
async function shapeRuns(): Promise<void> {
  const shapes: readonly (readonly [string, (bytes: number) => string])[] = [
    ['catalog', catalogDocument],
    ['escape-dense strings', escapedStringsDocument],
    ['\\u escapes, surrogate pairs', unicodeEscapesDocument],
    ['one long string', longStringDocument],
    ['numbers', numbersDocument],
    ['deep nesting (256)', (bytes) => deepDocument(bytes)],
    ['wide flat object', wideObjectDocument],
    ['wide array of objects', wideArrayDocument],
  ];
  const rows: string[] = [];
  for (const [name, make] of shapes) {
    const text = make(1024 * 1024);
    const measured = await measure(`${name} 1 MiB`, text, [
      ['jsonriver', jsonriverRunner],
      ['tokenpaint, 1 read/32', readingPerFrame],
      ['tokenpaint, no reads', parsingOnly],
      ['tokenpaint live, 1 read/32', livePerFrame],
      ['tokenpaint live, read/delta', liveEveryDelta],
    ]);
    const get = (runner: string) => measured.outcomes.get(runner) as Outcome;
    const river = get('jsonriver').ms;
    const ratio = (runner: string, width: number) =>
      `${(get(runner).ms / river).toFixed(2).padStart(width)}×`;
    const reads = Math.ceil(deltasOf(text, DELTA).length / READ_EVERY);
    const perRead = (runner: string) => `${((get(runner).ms * 1000) / reads).toFixed(1).padStart(7)} µs`;
    rows.push(
      `  ${name.padEnd(30)} ${ratio('tokenpaint, 1 read/32', 8)} ${ratio('tokenpaint', 9)} ${ratio('tokenpaint live, 1 read/32', 8)}` +
        ` ${ratio('tokenpaint live, read/delta', 9)} ${ratio('tokenpaint, no reads', 6)}` +
        ` ${perRead('tokenpaint, 1 read/32')} ${perRead('tokenpaint live, 1 read/32')}` +
        `  ${(measured.copies / 1e6).toFixed(1).padStart(8)} M`,
    );
  }
  console.log('\ntokenpaint ÷ jsonriver, CPU time, 1 MiB documents (below 1: tokenpaint is faster)');
  console.log(`  ${''.padEnd(30)} ---- snapshots ----  ------- live -------          -- per read, 1/32 --`);
  console.log(
    `  ${'shape'.padEnd(30)} 1 read/32 read/delta 1 read/32 read/delta  parse  snapshots       live  copies floor`,
  );
  for (const row of rows) console.log(row);
}
