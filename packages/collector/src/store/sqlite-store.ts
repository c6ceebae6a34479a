import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BeaconBatch, BeaconEvent, BeaconTags } from '@tokenpaint/core';
import { CollectorStorageError } from '../errors.ts';
import { canonicalTags, eventKey, seriesOf, tagsOf } from '../series.ts';
import type { Sketch } from '../sketch.ts';
import { Checkpointer } from './checkpointer.ts';
import { migrate } from './migrations.ts';
import {
  RESOLUTIONS,
  type Resolution,
  resolutionMs,
  type StoredValues,
  WriteBehind,
} from './write-behind.ts';

export type { Resolution };

const HOUR_MS = 3_600_000;
// How often the percentile cells are written behind. A write costs about the
// same however many events it covers (it touches every active cell once), so a
// longer interval is cheaper per event; reads write first, so they never lag,
// and a crash replays at most this much from the raw events.
const WRITE_BEHIND_MS = 5_000;
const DAY_MS = 86_400_000;

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** A file path, or `:memory:` (tests). */
  path: string;
  /**
   * Days of data kept (default 30): an event is deleted this long after it was
   * received, cells once their minute or hour is this old (hourly, and at
   * open), and an event whose time is already older is dropped on arrival.
   */
  retentionDays?: number;
  /**
   * `full` (default): a 202 survives a power loss, at the cost of an fsync per
   * group commit. `normal`: it survives the collector's own crash (kill -9) but
   * a power loss may lose the last commits; several times the write rate.
   */
  synchronous?: 'full' | 'normal';
  /** The clock, for tests. */
  now?: () => number;
  /** Called once for every newly stored event, after its transaction committed (feeds `/metrics`). */
  onStored?: (event: BeaconEvent) => void;
}

/** What one stored beacon came to. */
export interface AppendResult {
  /** Events newly stored. */
  stored: number;
  /** Events already stored before (the same request or vital id). */
  duplicates: number;
  /** Events older than the retention window, dropped. */
  expired: number;
}

/** One cell as read back: a sketch of one series in one time bucket and tag set, still encoded. */
export interface Cell {
  bucket: number;
  tagset: number;
  /** The sketch, for {@link Sketch.mergeEncoded} (a query merges thousands; decoding each first costs twice). */
  data: Uint8Array;
}

interface PendingWrite {
  batch: BeaconBatch;
  receivedAt: number;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Beacon storage in one SQLite file through `node:sqlite` (no native build, no
 * service). Writes: every event is stored raw, once, in a transaction shared by
 * all beacons that arrived in the same event-loop turn (a group commit), and the
 * promise resolves only after COMMIT, which is when the handler answers 202.
 * Reads: percentiles come from mergeable sketches per minute and hour
 * ({@link Sketch}), maintained in memory and written behind about once a
 * second ({@link WriteBehind}, which also says how a crash between the two
 * writes neither loses nor double-counts an event).
 */
export class BeaconStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #onStored: ((event: BeaconEvent) => void) | undefined;
  readonly #retentionMs: number;
  readonly #tagsetIds = new Map<string, number>();
  readonly #tagsetsById = new Map<number, BeaconTags>();
  #queue: PendingWrite[] = [];
  #flushScheduled = false;
  readonly #cells: WriteBehind;
  #timers: NodeJS.Timeout[] = [];
  #checkpointer: Checkpointer | undefined;
  #closed = false;
  readonly #insertEvent: StatementSync;
  readonly #insertTagset: StatementSync;
  readonly #selectTagset: StatementSync;
  readonly #selectCells: Record<Resolution, StatementSync>;

  constructor(options: StoreOptions) {
    this.#now = options.now ?? Date.now;
    this.#onStored = options.onStored;
    this.#retentionMs = (options.retentionDays ?? 30) * DAY_MS;
    try {
      this.#db = new DatabaseSync(options.path);
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec(`PRAGMA synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.#db.exec('PRAGMA busy_timeout = 5000');
      migrate(this.#db);
      if (options.path !== ':memory:') {
        this.#db.exec('PRAGMA wal_autocheckpoint = 0');
        this.#checkpointer = new Checkpointer(options.path);
      }
    } catch (error) {
      if (error instanceof CollectorStorageError) throw error;
      throw new CollectorStorageError(`cannot open the beacon database at ${options.path}`, { cause: error });
    }
    this.#insertEvent = this.#db.prepare(
      'INSERT OR IGNORE INTO events (event_key, type, at, received_at, session_id, tagset, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#insertTagset = this.#db.prepare('INSERT OR IGNORE INTO tagsets (tags) VALUES (?)');
    this.#selectTagset = this.#db.prepare('SELECT id FROM tagsets WHERE tags = ?');
    const selectCells = (table: string) => {
      const statement = this.#db.prepare(
        `SELECT bucket, tagset, sketch FROM ${table} WHERE series = ? AND bucket >= ? AND bucket < ?`,
      );
      // Rows as arrays: a query reads tens of thousands, and objects cost more to build.
      statement.setReturnArrays(true);
      return statement;
    };
    this.#selectCells = {
      minute: selectCells('cells_minute'),
      hour: selectCells('cells_hour'),
      day: selectCells('cells_day'),
    };
    this.#cells = new WriteBehind(this.#db, (mark) => this.#eventsPast(mark));
    this.#loadTagsets();
    this.#cells.recover();
    this.prune();
    this.#timers.push(setInterval(() => this.#cells.start(), WRITE_BEHIND_MS).unref());
    this.#timers.push(setInterval(() => this.prune(), HOUR_MS).unref());
  }

  /**
   * Stores a validated batch. Event times are moved onto the collector's clock
   * by the batch's own skew (`receivedAt − sent_at`), so a phone whose clock is
   * an hour off still lands in the right window.
   */
  append(batch: BeaconBatch, receivedAt: number = this.#now()): Promise<AppendResult> {
    if (this.#closed) return Promise.reject(new CollectorStorageError('the store is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ batch, receivedAt, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flushWrites());
      }
    });
  }

  /** Writes the cells behind now; the timer does it in the background about once a second. */
  aggregate(): void {
    if (!this.#closed) this.#cells.finish();
  }

  /** Cells of one series in `[fromBucket, toBucket)` at a resolution. */
  cells(series: string, resolution: Resolution, fromBucket: number, toBucket: number): Cell[] {
    this.aggregate();
    const statement = this.#selectCells[resolution];
    const rows = statement.all(series, fromBucket, toBucket) as unknown as Array<
      [bucket: number, tagset: number, data: Uint8Array]
    >;
    return rows.map(([bucket, tagset, data]) => ({ bucket, tagset, data }));
  }

  /** The tags of a tag set id. */
  tagset(id: number): BeaconTags {
    return this.#tagsetsById.get(id) ?? {};
  }

  /** Every tag set stored, by id. */
  tagsets(): ReadonlyMap<number, BeaconTags> {
    return this.#tagsetsById;
  }

  /**
   * The distinct series names stored, by skipping through the primary key
   * (series first) one name at a time: a `SELECT DISTINCT` read every row.
   */
  seriesNames(): string[] {
    this.aggregate();
    return this.#seriesNamesNow('cells_hour');
  }

  #seriesNamesNow(table: string): string[] {
    const after = this.#db.prepare(`SELECT series FROM ${table} WHERE series > ? ORDER BY series LIMIT 1`);
    const names: string[] = [];
    let previous = '';
    for (;;) {
      const row = after.get(previous) as { series: string } | undefined;
      if (row === undefined) return names;
      names.push(row.series);
      previous = row.series;
    }
  }

  /** Number of events stored. */
  eventCount(): number {
    const row = this.#db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    return row.n;
  }

  /** Every stored event key, for tests and the crash check. */
  eventKeys(): string[] {
    return (this.#db.prepare('SELECT event_key FROM events').all() as Array<{ event_key: string }>).map(
      (row) => row.event_key,
    );
  }

  /** Deletes events and cells older than the retention window. */
  prune(now: number = this.#now()): void {
    if (this.#closed) return;
    this.aggregate();
    const cutoff = now - this.#retentionMs;
    this.#cells.forgetCache();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.prepare('DELETE FROM events WHERE id <= ?').run(this.#lastIdReceivedBefore(cutoff));
      // Per series, so each delete is a range of the primary key (series, bucket, …):
      // `WHERE bucket < ?` alone scanned every cell, half a second over a million events.
      for (const resolution of RESOLUTIONS) {
        const names = this.#seriesNamesNow(`cells_${resolution}`);
        const remove = this.#db.prepare(`DELETE FROM cells_${resolution} WHERE series = ? AND bucket < ?`);
        const bucket = Math.floor(cutoff / resolutionMs(resolution));
        for (const series of names) remove.run(series, bucket);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw new CollectorStorageError('pruning old beacons failed', { cause: error });
    }
  }

  /**
   * The newest event id received before `cutoff`, by binary search over ids:
   * events are inserted in the order they are received, so `received_at` grows
   * with the id and needs no index of its own (an index on the event time cost
   * about 4 µs of a 9 µs insert).
   */
  #lastIdReceivedBefore(cutoff: number): number {
    const bounds = this.#db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM events').get() as {
      lo: number | null;
      hi: number | null;
    };
    if (bounds.lo === null || bounds.hi === null) return 0;
    const firstFrom = this.#db.prepare(
      'SELECT id, received_at FROM events WHERE id >= ? ORDER BY id LIMIT 1',
    );
    let lo = bounds.lo;
    let hi = bounds.hi;
    let found = bounds.lo - 1;
    while (lo <= hi) {
      const middle = Math.floor((lo + hi) / 2);
      const row = firstFrom.get(middle) as { id: number; received_at: number } | undefined;
      if (row === undefined) break;
      if (row.received_at < cutoff) {
        found = row.id;
        lo = row.id + 1;
      } else hi = middle - 1;
    }
    return found;
  }

  /** Finishes queued writes, writes the cells behind, and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    for (const timer of this.#timers) clearInterval(timer);
    if (this.#queue.length > 0) this.#flushWrites();
    this.aggregate();
    this.#closed = true;
    await this.#checkpointer?.close();
    // The last connection to close checkpoints the rest of the log and removes it.
    this.#db.close();
  }

  #flushWrites(): void {
    this.#flushScheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    if (queue.length === 0) return;
    const cutoff = this.#now() - this.#retentionMs;
    const results: AppendResult[] = [];
    const added: Array<{ id: number; at: number; tagset: number; event: BeaconEvent }> = [];
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      for (const { batch, receivedAt } of queue) {
        const result: AppendResult = { stored: 0, duplicates: 0, expired: 0 };
        const skew = receivedAt - batch.sent_at;
        for (const event of batch.events) {
          const at = Math.round(event.at + skew);
          if (at < cutoff) {
            result.expired++;
            continue;
          }
          const tagset = this.#tagsetId(tagsOf(event));
          const { changes, lastInsertRowid } = this.#insertEvent.run(
            eventKey(event),
            event.type,
            at,
            receivedAt,
            batch.session_id,
            tagset,
            JSON.stringify(event),
          );
          if (Number(changes) === 1) {
            result.stored++;
            added.push({ id: Number(lastInsertRowid), at, tagset, event });
          } else result.duplicates++;
        }
        results.push(result);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      // Tag set ids handed out inside the rolled-back transaction no longer exist.
      this.#loadTagsets();
      const failure = new CollectorStorageError('storing the beacons failed', { cause: error });
      for (const write of queue) write.reject(failure);
      return;
    }
    for (const { id, at, tagset, event } of added) {
      this.#cells.add(id, at, tagset, seriesOf(event));
      this.#onStored?.(event);
    }
    for (const [i, write] of queue.entries())
      write.resolve(results[i] ?? { stored: 0, duplicates: 0, expired: 0 });
    // Bounds memory under a sustained burst, between timer ticks: start the
    // write early, and if even that falls behind, write synchronously.
    if (this.#cells.pendingEvents > 200_000) this.#cells.finish();
    else if (this.#cells.pendingEvents > 50_000) this.#cells.start();
  }

  #tagsetId(tags: BeaconTags): number {
    const canonical = canonicalTags(tags);
    const known = this.#tagsetIds.get(canonical);
    if (known !== undefined) return known;
    this.#insertTagset.run(canonical);
    const row = this.#selectTagset.get(canonical) as { id: number };
    this.#tagsetIds.set(canonical, row.id);
    this.#tagsetsById.set(row.id, JSON.parse(canonical) as BeaconTags);
    return row.id;
  }

  #loadTagsets(): void {
    this.#tagsetIds.clear();
    this.#tagsetsById.clear();
    for (const row of this.#db.prepare('SELECT id, tags FROM tagsets').all() as Array<{
      id: number;
      tags: string;
    }>) {
      this.#tagsetIds.set(row.tags, row.id);
      this.#tagsetsById.set(row.id, JSON.parse(row.tags) as BeaconTags);
    }
  }

  /** Stored events past an id, as the cells see them, for recovery. */
  *#eventsPast(mark: number): Iterable<StoredValues> {
    const rows = this.#db
      .prepare('SELECT id, at, tagset, body FROM events WHERE id > ? ORDER BY id')
      .iterate(mark) as Iterable<{ id: number; at: number; tagset: number; body: string }>;
    for (const row of rows)
      yield {
        id: row.id,
        at: row.at,
        tagset: row.tagset,
        values: seriesOf(JSON.parse(row.body) as BeaconEvent),
      };
  }
}

/** Opens (creating and migrating where needed) a beacon database. */
export function openStore(options: StoreOptions): BeaconStore {
  return new BeaconStore(options);
}
