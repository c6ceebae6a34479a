import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { CollectorStorageError } from '../errors.ts';
import { Sketch } from '../sketch.ts';

/** The time resolution of a cell: its bucket is minutes, hours or days (UTC) since the epoch. */
export type Resolution = 'minute' | 'hour' | 'day';

/** Finest first. */
export const RESOLUTIONS: readonly Resolution[] = ['minute', 'hour', 'day'];

const BUCKET_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Bucket length of a resolution, in ms. */
export function resolutionMs(resolution: Resolution): number {
  return BUCKET_MS[resolution];
}

/** Sketches by time bucket, then tag set, then series: how cells are held in memory. */
type CellMap = Map<number, Map<number, Map<string, Sketch>>>;

/** One empty cell map per resolution. */
function perResolution(): Record<Resolution, CellMap> {
  return { minute: new Map(), hour: new Map(), day: new Map() };
}

function cellIn(cells: CellMap, bucket: number, tagset: number): Map<string, Sketch> {
  let byTagset = cells.get(bucket);
  if (byTagset === undefined) {
    byTagset = new Map();
    cells.set(bucket, byTagset);
  }
  let bySeries = byTagset.get(tagset);
  if (bySeries === undefined) {
    bySeries = new Map();
    byTagset.set(tagset, bySeries);
  }
  return bySeries;
}

/** One stored event as the cells see it. */
export interface StoredValues {
  id: number;
  at: number;
  tagset: number;
  values: ReadonlyArray<[string, number]>;
}

type CellWrite = [resolution: Resolution, bucket: number, tagset: number, series: string, sketch: Sketch];

interface Batch {
  /** The cells left to write, produced as they are written (so starting a batch costs nothing). */
  cells: Iterator<CellWrite>;
  /** The newest bucket per resolution: its rows are cached. */
  newest: Record<Resolution, number>;
  /** Every event with an id up to this is in this batch or an earlier one. */
  through: number;
}

/** Time per transaction: short enough that beacons keep being answered while a batch is written. */
const CHUNK_BUDGET_MS = 4;

/** Adds `sketch` into the cell of `series` in `bySeries`, creating it. */
function mergeCell(bySeries: Map<string, Sketch>, series: string, sketch: Sketch): void {
  let rolled = bySeries.get(series);
  if (rolled === undefined) {
    rolled = new Sketch();
    bySeries.set(series, rolled);
  }
  rolled.merge(sketch);
}

/**
 * A batch's cells: the minute cells, rolled up into hour and day cells as
 * they go by, then those; cells rebuilt by recovery follow their resolution
 * without a roll-up (each of them was checked against its own row).
 */
function* batchCells(minutes: CellMap, recovered: Record<Resolution, CellMap>): Generator<CellWrite> {
  const hours: CellMap = new Map();
  const days: CellMap = new Map();
  for (const [minute, byTagset] of minutes) {
    const hour = Math.floor(minute / 60);
    const day = Math.floor(minute / 1440);
    for (const [tagset, bySeries] of byTagset) {
      const hourSeries = cellIn(hours, hour, tagset);
      const daySeries = cellIn(days, day, tagset);
      for (const [series, sketch] of bySeries) {
        mergeCell(hourSeries, series, sketch);
        mergeCell(daySeries, series, sketch);
        yield ['minute', minute, tagset, series, sketch];
      }
    }
  }
  for (const [resolution, map] of [
    ['minute', recovered.minute],
    ['hour', hours],
    ['hour', recovered.hour],
    ['day', days],
    ['day', recovered.day],
  ] as const)
    for (const [bucket, byTagset] of map)
      for (const [tagset, bySeries] of byTagset)
        for (const [series, sketch] of bySeries) yield [resolution, bucket, tagset, series, sketch];
}

/**
 * The percentile cells' write-behind. Values are added to sketches in memory
 * as events commit; about once a second the touched cells are merged into
 * their rows in chunks of small transactions, one event-loop turn apart, so a
 * second's worth of cells (every series of every active tag set) never blocks
 * ingest at once.
 *
 * Crash safety without one big transaction: every cell row records `through`,
 * the newest event id it includes, and the `aggregated_through` mark moves
 * when a whole batch is written. After a crash mid-batch, recovery replays the
 * events past the mark into only the cells whose `through` is older than the
 * event, so nothing is lost and nothing counted twice.
 */
export class WriteBehind {
  readonly #db: DatabaseSync;
  readonly #select: Record<Resolution, StatementSync>;
  readonly #upsert: Record<Resolution, StatementSync>;
  readonly #setMark: StatementSync;
  // Minute cells of events added since the last batch; hours and days are rolled up from them.
  #pending: CellMap = new Map();
  // Cells rebuilt by recovery, per resolution (not rolled up: each resolution has its own `through`).
  #recovered: Record<Resolution, CellMap> = perResolution();
  #pendingThrough = 0;
  #pendingEvents = 0;
  #writing: Batch | undefined;
  #chunkScheduled = false;
  // The newest bucket's cells as last written, so a write merges into them
  // without reading and decoding each row back.
  #written: Record<Resolution, CellMap> = perResolution();

  readonly #eventsPast: (mark: number) => Iterable<StoredValues>;

  /** `eventsPast(mark)`: the stored events with an id above `mark`, in id order, as values (for recovery). */
  constructor(db: DatabaseSync, eventsPast: (mark: number) => Iterable<StoredValues>) {
    this.#db = db;
    this.#eventsPast = eventsPast;
    const table = (resolution: Resolution) => `cells_${resolution}`;
    const select = (r: Resolution) =>
      db.prepare(`SELECT sketch, through FROM ${table(r)} WHERE series = ? AND bucket = ? AND tagset = ?`);
    const upsert = (r: Resolution) =>
      db.prepare(
        `INSERT OR REPLACE INTO ${table(r)} (series, bucket, tagset, sketch, through) VALUES (?, ?, ?, ?, ?)`,
      );
    this.#select = { minute: select('minute'), hour: select('hour'), day: select('day') };
    this.#upsert = { minute: upsert('minute'), hour: upsert('hour'), day: upsert('day') };
    this.#setMark = db.prepare("UPDATE meta SET value = ? WHERE key = 'aggregated_through'");
  }

  /** Events added since the last batch started. */
  get pendingEvents(): number {
    return this.#pendingEvents;
  }

  /**
   * Adds one committed event's values (its id, time, tag set and series) to
   * the pending minute cells; hour and day cells are rolled up from them when a batch
   * is written, which halves the work per event.
   */
  add(id: number, at: number, tagset: number, values: ReadonlyArray<[string, number]>): void {
    const bySeries = cellIn(this.#pending, Math.floor(at / 60_000), tagset);
    for (const [series, value] of values) {
      let sketch = bySeries.get(series);
      if (sketch === undefined) {
        sketch = new Sketch();
        bySeries.set(series, sketch);
      }
      sketch.add(value);
    }
    if (id > this.#pendingThrough) this.#pendingThrough = id;
    this.#pendingEvents++;
  }

  /** Starts writing the pending cells in the background, unless a batch is being written. */
  start(): void {
    if (this.#writing !== undefined || this.#pendingEvents === 0) return;
    this.#writing = this.#takePending();
    this.#scheduleChunk();
  }

  /**
   * Writes everything now, synchronously: before a read, a prune, a close. On
   * failure the pending cells are rebuilt from the stored events (so the next
   * write has them all) and the error is thrown.
   */
  finish(): void {
    try {
      this.#writeAll();
    } catch (error) {
      this.#rebuildPending();
      throw error;
    }
  }

  #writeAll(): void {
    while (this.#writing !== undefined) this.#writeChunk(Number.POSITIVE_INFINITY);
    if (this.#pendingEvents === 0) return;
    this.#writing = this.#takePending();
    while (this.#writing !== undefined) this.#writeChunk(Number.POSITIVE_INFINITY);
  }

  /** Forgets the cached rows (after a prune deleted some). */
  forgetCache(): void {
    this.#written = perResolution();
  }

  /** At open: aggregates the events stored past the mark, which a crash left unwritten. */
  recover(): void {
    this.#rebuildPending();
    this.#writeAll();
  }

  /**
   * The pending cells rebuilt from the events stored past the mark, each event
   * added only to the cells that do not already include it (`through`).
   */
  #rebuildPending(): void {
    const mark = this.#db.prepare("SELECT value FROM meta WHERE key = 'aggregated_through'").get() as {
      value: number;
    };
    this.#pending = new Map();
    this.#recovered = perResolution();
    this.#pendingEvents = 0;
    this.#pendingThrough = mark.value;
    this.#writing = undefined;
    this.forgetCache();
    const throughOf = new Map<string, number>();
    const through = (resolution: Resolution, series: string, bucket: number, tagset: number): number => {
      const key = `${resolution}\u0000${series}\u0000${bucket}\u0000${tagset}`;
      let value = throughOf.get(key);
      if (value === undefined) {
        const row = this.#select[resolution].get(series, bucket, tagset) as { through: number } | undefined;
        value = row?.through ?? 0;
        throughOf.set(key, value);
      }
      return value;
    };
    for (const event of this.#eventsPast(mark.value)) {
      for (const resolution of RESOLUTIONS) {
        const bucket = Math.floor(event.at / resolutionMs(resolution));
        const bySeries = cellIn(this.#recovered[resolution], bucket, event.tagset);
        for (const [series, value] of event.values) {
          if (event.id <= through(resolution, series, bucket, event.tagset)) continue;
          let sketch = bySeries.get(series);
          if (sketch === undefined) {
            sketch = new Sketch();
            bySeries.set(series, sketch);
          }
          sketch.add(value);
        }
      }
      if (event.id > this.#pendingThrough) this.#pendingThrough = event.id;
      this.#pendingEvents++;
    }
  }

  #takePending(): Batch {
    const minutes = this.#pending;
    const recovered = this.#recovered;
    const newestMinute = Math.max(...minutes.keys(), ...recovered.minute.keys());
    const newest: Record<Resolution, number> = {
      minute: newestMinute,
      hour: Math.max(Math.floor(newestMinute / 60), ...recovered.hour.keys()),
      day: Math.max(Math.floor(newestMinute / 1440), ...recovered.day.keys()),
    };
    // Only the newest bucket of each resolution stays cached: older ones rarely get late events.
    for (const resolution of RESOLUTIONS)
      for (const bucket of this.#written[resolution].keys())
        if (bucket !== newest[resolution]) this.#written[resolution].delete(bucket);
    this.#pending = new Map();
    this.#recovered = perResolution();
    this.#pendingEvents = 0;
    return { cells: batchCells(minutes, recovered), newest, through: this.#pendingThrough };
  }

  #scheduleChunk(): void {
    if (this.#chunkScheduled) return;
    this.#chunkScheduled = true;
    setImmediate(() => {
      this.#chunkScheduled = false;
      if (this.#writing === undefined) return;
      try {
        this.#writeChunk(CHUNK_BUDGET_MS);
      } catch (error) {
        // Nothing is lost: the events are stored; the cells are rebuilt from them.
        process.emitWarning(
          `tokenpaint-collector: ${error instanceof Error ? `${error.message}: ${String(error.cause)}` : String(error)}`,
        );
        this.#rebuildPending();
        return;
      }
      if (this.#writing !== undefined) this.#scheduleChunk();
    });
  }

  /** Writes cells of the current batch for about `budgetMs`, in one transaction; the last one moves the mark. */
  #writeChunk(budgetMs: number): void {
    const batch = this.#writing;
    if (batch === undefined) return;
    const deadline = performance.now() + budgetMs;
    let done = false;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (let written = 1; ; written++) {
        const next = batch.cells.next();
        if (next.done === true) {
          done = true;
          this.#setMark.run(batch.through);
          break;
        }
        const [resolution, bucket, tagset, series, sketch] = next.value;
        const cache =
          bucket === batch.newest[resolution] ? cellIn(this.#written[resolution], bucket, tagset) : undefined;
        let merged = cache?.get(series);
        if (merged === undefined) {
          const row = this.#select[resolution].get(series, bucket, tagset) as
            | { sketch: Uint8Array }
            | undefined;
          merged = row === undefined ? new Sketch() : Sketch.decode(row.sketch);
          cache?.set(series, merged);
        }
        merged.merge(sketch);
        this.#upsert[resolution].run(series, bucket, tagset, merged.encode(), batch.through);
        if (written % 64 === 0 && performance.now() > deadline) break;
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      // The cached rows may hold rolled-back merges; the caller recovers from the mark.
      this.forgetCache();
      this.#writing = undefined;
      throw new CollectorStorageError('writing the aggregated cells failed', { cause: error });
    }
    if (done) this.#writing = undefined;
  }
}
