import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectorStorageError } from '../errors.ts';
import { Sketch } from '../sketch.ts';
import { answer, batch } from '../test-beacons.ts';
import { MIGRATIONS, migrate, schemaVersion } from './migrations.ts';
import { openStore } from './sqlite-store.ts';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-06T12:00:00Z');
const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenpaint-store-'));
  dirs.push(dir);
  return join(dir, 'beacons.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function countIn(store: ReturnType<typeof openStore>, series: string, atMs: number): number {
  const hour = Math.floor(atMs / 3_600_000);
  return store
    .cells(series, 'hour', hour, hour + 1)
    .reduce((n, cell) => n + Sketch.decode(cell.data).count, 0);
}

describe('retention', () => {
  it('drops events older than the window on arrival, and prunes stored ones as the clock moves, by when they were received', async () => {
    let now = NOW;
    const store = openStore({ path: ':memory:', retentionDays: 2, now: () => now });
    const old = await store.append(batch([answer({ at: NOW - 3 * DAY_MS })], NOW), NOW);
    expect(old).toEqual({ stored: 0, duplicates: 0, expired: 1 });
    await store.append(batch([answer({ at: NOW - DAY_MS })], NOW - DAY_MS), NOW - DAY_MS);
    await store.append(batch([answer({ at: NOW })], NOW), NOW);
    expect(store.eventCount()).toBe(2);
    expect(countIn(store, 'ttft_ms', NOW - DAY_MS)).toBe(1);

    now = NOW + 1.5 * DAY_MS;
    store.prune();
    expect(store.eventCount()).toBe(1);
    expect(countIn(store, 'ttft_ms', NOW - DAY_MS)).toBe(0);
    expect(countIn(store, 'ttft_ms', NOW)).toBe(1);
    const oldDay = Math.floor((NOW - DAY_MS) / DAY_MS);
    expect(store.cells('ttft_ms', 'day', oldDay, oldDay + 1)).toEqual([]);
    expect(store.cells('ttft_ms', 'minute', 0, Math.floor((NOW - DAY_MS / 2) / 60_000))).toEqual([]);
    await store.close();
  });

  it('prunes at open, so a collector restarted after a long pause starts within its window', async () => {
    const path = tempDb();
    const first = openStore({ path, retentionDays: 1, now: () => NOW });
    await first.append(batch([answer({ at: NOW })], NOW), NOW);
    await first.close();
    const later = openStore({ path, retentionDays: 1, now: () => NOW + 2 * DAY_MS });
    expect(later.eventCount()).toBe(0);
    expect(later.seriesNames()).toEqual([]);
    await later.close();
  });
});

describe('migrations', () => {
  it('creates the schema on a fresh file and leaves a current one alone on reopen', async () => {
    const path = tempDb();
    const store = openStore({ path, now: () => NOW });
    await store.append(batch([answer({ at: NOW })], NOW), NOW);
    await store.close();
    const db = new DatabaseSync(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();
    const reopened = openStore({ path, now: () => NOW });
    expect(reopened.eventCount()).toBe(1);
    await reopened.close();
  });

  it('runs only the steps a database lacks, in order', () => {
    const db = new DatabaseSync(':memory:');
    const steps = ['CREATE TABLE a (x INTEGER)', 'ALTER TABLE a ADD COLUMN y INTEGER'];
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    db.exec('INSERT INTO a (x) VALUES (1)');
    expect(migrate(db, steps)).toBe(2);
    expect(db.prepare('SELECT x, y FROM a').all()).toEqual([{ x: 1, y: null }]);
    db.close();
  });

  it('refuses a database newer than the code rather than writing to it', () => {
    const path = tempDb();
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openStore({ path })).toThrow(CollectorStorageError);
    expect(() => openStore({ path })).toThrow(/newer than this collector/);
  });

  it('rolls a failing step back whole and keeps the last completed version', () => {
    const db = new DatabaseSync(':memory:');
    const steps = ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER)'];
    expect(() => migrate(db, steps)).toThrow(/schema migration 1 → 2 failed/);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([{ name: 'a' }]);
    db.close();
  });
});

describe('crash recovery', () => {
  it('aggregates at open the events stored after the last written cells, once', async () => {
    const path = tempDb();
    const store = openStore({ path, now: () => NOW });
    await store.append(batch([answer({ at: NOW }), answer({ at: NOW })], NOW), NOW);
    expect(countIn(store, 'ttft_ms', NOW)).toBe(2);
    // Events committed but their cells never written: what a kill -9 between
    // the group commit and the write-behind leaves.
    const raw = new DatabaseSync(path);
    const insert = raw.prepare(
      'INSERT INTO events (event_key, type, at, received_at, session_id, tagset, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < 3; i++) {
      const event = answer({ at: NOW });
      insert.run(`answer:${event.request_id}`, 'answer', NOW, NOW, 's', 1, JSON.stringify(event));
    }
    raw.close();
    await store.close();

    const reopened = openStore({ path, now: () => NOW });
    expect(reopened.eventCount()).toBe(5);
    expect(countIn(reopened, 'ttft_ms', NOW)).toBe(5);
    await reopened.close();
    const again = openStore({ path, now: () => NOW });
    expect(countIn(again, 'ttft_ms', NOW)).toBe(5);
    await again.close();
  });

  it('counts an event once when a crash came after some cells of its batch were written', async () => {
    const path = tempDb();
    const store = openStore({ path, now: () => NOW });
    await store.append(batch([answer({ at: NOW }), answer({ at: NOW })], NOW), NOW);
    await store.close();
    // Three more events stored, and the write-behind cut off after writing the
    // minute cell of ttft_ms (its `through` moved), before the hour cell and the mark.
    const raw = new DatabaseSync(path);
    const insert = raw.prepare(
      'INSERT INTO events (event_key, type, at, received_at, session_id, tagset, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    let last = 0;
    const minute = Math.floor(NOW / 60_000);
    const cell = raw
      .prepare("SELECT sketch, tagset FROM cells_minute WHERE series = 'ttft_ms' AND bucket = ?")
      .get(minute) as { sketch: Uint8Array; tagset: number };
    const sketch = Sketch.decode(cell.sketch);
    for (let i = 0; i < 3; i++) {
      const event = answer({ at: NOW });
      const { lastInsertRowid } = insert.run(
        `answer:${event.request_id}`,
        'answer',
        NOW,
        NOW,
        's',
        cell.tagset,
        JSON.stringify(event),
      );
      last = Number(lastInsertRowid);
      sketch.add(event.metrics.ttft_ms ?? 0);
    }
    raw
      .prepare("UPDATE cells_minute SET sketch = ?, through = ? WHERE series = 'ttft_ms' AND bucket = ?")
      .run(sketch.encode(), last, minute);
    raw.close();

    const reopened = openStore({ path, now: () => NOW });
    const count = (resolution: 'minute' | 'hour', bucket: number) =>
      reopened
        .cells('ttft_ms', resolution, bucket, bucket + 1)
        .reduce((n, c) => n + Sketch.decode(c.data).count, 0);
    expect(count('minute', minute)).toBe(5);
    expect(count('hour', Math.floor(NOW / 3_600_000))).toBe(5);
    await reopened.close();
  });

  it('answers only after COMMIT: a closed store refuses instead of acknowledging', async () => {
    const store = openStore({ path: ':memory:', now: () => NOW });
    await store.close();
    await expect(store.append(batch([answer()]))).rejects.toBeInstanceOf(CollectorStorageError);
  });
});
