import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BeaconBatch, BeaconEvent, BeaconTags } from '@tokenpaint/core';
import { CollectorStorageError } from '../errors.ts';
import { canonicalTags, eventKey, seriesOf, tagsOf } from '../series.ts';
import { Sketch } from '../sketch.ts';
import { migrate } from './migrations.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** A file path, or `:memory:` (tests). */
  path: string;
  /** Events and cells older than this many days are deleted (hourly, and at open). Default 30. */
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

/** The time resolution of a cell: its bucket is minutes or hours since the epoch. */
export type Resolution = 'minute' | 'hour';

/** One cell as read back: a sketch of one series in one time bucket and tag set. */
export interface Cell {
  bucket: number;
  tagset: number;
  sketch: Sketch;
}

interface PendingWrite {
  batch: BeaconBatch;
  receivedAt: number;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Bucket length of a resolution, in ms. */
export function resolutionMs(resolution: Resolution): number {
  return resolution === 'minute' ? MINUTE_MS : HOUR_MS;
}

/**
 * Beacon storage in one SQLite file through `node:sqlite` (no native build, no
 * service). Writes: every event is stored raw, once, in a transaction shared by
 * all beacons that arrived in the same event-loop turn (a group commit), and the
 * promise resolves only after COMMIT, which is when the handler answers 202.
 * Reads: percentiles come from mergeable sketches per minute and hour
 * ({@link Sketch}), which are maintained in memory and written behind, about
 * once a second, in a transaction that also moves the `aggregated_through`
 * mark; at open, events past the mark are aggregated again, so a crash between
 * the two writes neither loses nor double-counts an event.
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
  // Cells not yet written: `${resolution}\u0000${series}\u0000${bucket}\u0000${tagset}` → sketch.
  #pending = new Map<string, Sketch>();
  #pendingThrough = 0;
  #pendingEvents = 0;
  #timers: NodeJS.Timeout[] = [];
  #closed = false;
  readonly #insertEvent: StatementSync;
  readonly #insertTagset: StatementSync;
  readonly #selectTagset: StatementSync;
  readonly #selectCell: Record<Resolution, StatementSync>;
  readonly #upsertCell: Record<Resolution, StatementSync>;

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
    } catch (error) {
      if (error instanceof CollectorStorageError) throw error;
      throw new CollectorStorageError(`cannot open the beacon database at ${options.path}`, { cause: error });
    }
    this.#insertEvent = this.#db.prepare(
      'INSERT OR IGNORE INTO events (event_key, type, at, received_at, session_id, tagset, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#insertTagset = this.#db.prepare('INSERT OR IGNORE INTO tagsets (tags) VALUES (?)');
    this.#selectTagset = this.#db.prepare('SELECT id FROM tagsets WHERE tags = ?');
    this.#selectCell = {
      minute: this.#db.prepare(
        'SELECT sketch FROM cells_minute WHERE series = ? AND bucket = ? AND tagset = ?',
      ),
      hour: this.#db.prepare('SELECT sketch FROM cells_hour WHERE series = ? AND bucket = ? AND tagset = ?'),
    };
    this.#upsertCell = {
      minute: this.#db.prepare(
        'INSERT OR REPLACE INTO cells_minute (series, bucket, tagset, sketch) VALUES (?, ?, ?, ?)',
      ),
      hour: this.#db.prepare(
        'INSERT OR REPLACE INTO cells_hour (series, bucket, tagset, sketch) VALUES (?, ?, ?, ?)',
      ),
    };
    this.#loadTagsets();
    this.#recover();
    this.prune();
    this.#timers.push(setInterval(() => this.aggregate(), 1000).unref());
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

  /** Writes the in-memory cells behind; called on a timer and before every read. */
  aggregate(): void {
    if (this.#pending.size === 0 || this.#closed) return;
    const pending = this.#pending;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const [key, sketch] of pending) {
        const [resolution, series, bucket, tagset] = key.split('\u0000') as [
          Resolution,
          string,
          string,
          string,
        ];
        const row = this.#selectCell[resolution].get(series, Number(bucket), Number(tagset)) as
          | { sketch: Uint8Array }
          | undefined;
        if (row !== undefined) sketch.merge(Sketch.decode(row.sketch));
        this.#upsertCell[resolution].run(series, Number(bucket), Number(tagset), sketch.encode());
      }
      this.#db
        .prepare("UPDATE meta SET value = ? WHERE key = 'aggregated_through'")
        .run(this.#pendingThrough);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      // The merged sketches in memory may already hold the stored cells' counts:
      // rebuild the pending cells from the events past the mark instead.
      this.#pending = new Map();
      this.#recover();
      throw new CollectorStorageError('writing the aggregated cells failed', { cause: error });
    }
    this.#pending = new Map();
    this.#pendingEvents = 0;
  }

  /** Cells of one series in `[fromBucket, toBucket)` at a resolution, optionally only some tag sets. */
  cells(series: string, resolution: Resolution, fromBucket: number, toBucket: number): Cell[] {
    this.aggregate();
    const table = resolution === 'minute' ? 'cells_minute' : 'cells_hour';
    const rows = this.#db
      .prepare(`SELECT bucket, tagset, sketch FROM ${table} WHERE series = ? AND bucket >= ? AND bucket < ?`)
      .all(series, fromBucket, toBucket) as Array<{ bucket: number; tagset: number; sketch: Uint8Array }>;
    return rows.map((row) => ({ bucket: row.bucket, tagset: row.tagset, sketch: Sketch.decode(row.sketch) }));
  }

  /** The tags of a tag set id. */
  tagset(id: number): BeaconTags {
    return this.#tagsetsById.get(id) ?? {};
  }

  /** Every tag set stored, by id. */
  tagsets(): ReadonlyMap<number, BeaconTags> {
    return this.#tagsetsById;
  }

  /** The distinct series names stored. */
  seriesNames(): string[] {
    this.aggregate();
    const rows = this.#db.prepare('SELECT DISTINCT series FROM cells_hour ORDER BY series').all() as Array<{
      series: string;
    }>;
    return rows.map((row) => row.series);
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
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.prepare('DELETE FROM events WHERE at < ?').run(cutoff);
      this.#db.prepare('DELETE FROM cells_minute WHERE bucket < ?').run(Math.floor(cutoff / MINUTE_MS));
      this.#db.prepare('DELETE FROM cells_hour WHERE bucket < ?').run(Math.floor(cutoff / HOUR_MS));
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw new CollectorStorageError('pruning old beacons failed', { cause: error });
    }
  }

  /** Finishes queued writes, writes the cells behind, and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    for (const timer of this.#timers) clearInterval(timer);
    if (this.#queue.length > 0) this.#flushWrites();
    this.aggregate();
    this.#closed = true;
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
      this.#addToCells(id, at, tagset, event);
      this.#onStored?.(event);
    }
    for (const [i, write] of queue.entries())
      write.resolve(results[i] ?? { stored: 0, duplicates: 0, expired: 0 });
    // Bounds memory under a sustained burst, between timer ticks.
    if (this.#pendingEvents > 50_000) this.aggregate();
  }

  #addToCells(id: number, at: number, tagset: number, event: BeaconEvent): void {
    const minute = Math.floor(at / MINUTE_MS);
    const hour = Math.floor(at / HOUR_MS);
    for (const [series, value] of seriesOf(event)) {
      for (const key of [
        `minute\u0000${series}\u0000${minute}\u0000${tagset}`,
        `hour\u0000${series}\u0000${hour}\u0000${tagset}`,
      ]) {
        let sketch = this.#pending.get(key);
        if (sketch === undefined) {
          sketch = new Sketch();
          this.#pending.set(key, sketch);
        }
        sketch.add(value);
      }
    }
    if (id > this.#pendingThrough) this.#pendingThrough = id;
    this.#pendingEvents++;
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

  /** Aggregates the events stored after the last written cells (after a crash, or a failed write). */
  #recover(): void {
    const mark = this.#db.prepare("SELECT value FROM meta WHERE key = 'aggregated_through'").get() as {
      value: number;
    };
    this.#pendingThrough = mark.value;
    const rows = this.#db
      .prepare('SELECT id, at, tagset, body FROM events WHERE id > ? ORDER BY id')
      .iterate(mark.value) as Iterable<{ id: number; at: number; tagset: number; body: string }>;
    for (const row of rows) this.#addToCells(row.id, row.at, row.tagset, JSON.parse(row.body) as BeaconEvent);
    this.aggregate();
  }
}

/** Opens (creating and migrating where needed) a beacon database. */
export function openStore(options: StoreOptions): BeaconStore {
  return new BeaconStore(options);
}
