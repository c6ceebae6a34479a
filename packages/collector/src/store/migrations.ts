import type { DatabaseSync } from 'node:sqlite';
import { CollectorStorageError } from '../errors.ts';

/**
 * The schema, as an append-only list: migration i takes a database from
 * `user_version` i to i + 1. Never edit a shipped entry; add one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  -- Every accepted event once: event_key is 'answer:<request_id>' or 'vital:<id>',
  -- so a beacon sent twice (a retried sendBeacon, a page that flushed twice) is stored once.
  -- Rows are inserted in the order received, so received_at grows with id: retention
  -- deletes by id range and needs no time index (one cost 4 of a 9 µs insert).
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event_key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    tagset INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  -- Distinct tag sets, as canonical JSON (keys sorted); cells refer to them by id.
  CREATE TABLE tagsets (id INTEGER PRIMARY KEY, tags TEXT NOT NULL UNIQUE);
  -- Mergeable sketches per series, time bucket (UTC minute, hour, day) and tag set.
  -- 'through' is the newest event id a cell includes: the write-behind writes a batch
  -- of cells in several small transactions, and recovery after a crash mid-batch adds
  -- an event only to the cells whose 'through' is older than it.
  CREATE TABLE cells_minute (
    series TEXT NOT NULL, bucket INTEGER NOT NULL, tagset INTEGER NOT NULL, sketch BLOB NOT NULL,
    through INTEGER NOT NULL, PRIMARY KEY (series, bucket, tagset)
  ) WITHOUT ROWID;
  CREATE TABLE cells_hour (
    series TEXT NOT NULL, bucket INTEGER NOT NULL, tagset INTEGER NOT NULL, sketch BLOB NOT NULL,
    through INTEGER NOT NULL, PRIMARY KEY (series, bucket, tagset)
  ) WITHOUT ROWID;
  CREATE TABLE cells_day (
    series TEXT NOT NULL, bucket INTEGER NOT NULL, tagset INTEGER NOT NULL, sketch BLOB NOT NULL,
    through INTEGER NOT NULL, PRIMARY KEY (series, bucket, tagset)
  ) WITHOUT ROWID;
  -- aggregated_through: every event up to this id is in the cells.
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO meta (key, value) VALUES ('aggregated_through', 0);
  `,
];

/** The schema version of a database. */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings a database up to the newest schema, each step in its own transaction,
 * so a crash mid-way leaves the last completed version. A database newer than
 * this code is refused rather than written to.
 */
export function migrate(db: DatabaseSync, migrations: readonly string[] = MIGRATIONS): number {
  const from = schemaVersion(db);
  if (from > migrations.length)
    throw new CollectorStorageError(
      `the database is at schema version ${from}, newer than this collector's ${migrations.length}; upgrade @tokenpaint/collector`,
    );
  for (let version = from; version < migrations.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new CollectorStorageError(`schema migration ${version} → ${version + 1} failed`, {
        cause: error,
      });
    }
  }
  return migrations.length;
}
