import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated in the worker: no module file to locate in both
// the TypeScript sources and the built package.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection.
 * A checkpoint copies the log back into the database file and fsyncs it: done
 * by the writing connection (SQLite's default, every 1,000 pages) it stalled a
 * commit for 12–15 ms several times a second under load, and every beacon
 * waiting on that commit with it. A PASSIVE checkpoint never blocks the writer.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(path: string, intervalMs = 200) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs } });
    this.#worker.unref();
    this.#worker.on('message', (message: { error?: string }) => {
      if (message.error !== undefined)
        process.emitWarning(`tokenpaint-collector: checkpoint failed: ${message.error}`);
    });
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
  }

  /** Stops checkpointing and closes the worker's connection. */
  async close(): Promise<void> {
    // Unreferenced while it runs (it must not keep a process alive), referenced
    // again while closing, or the process could exit before the worker has.
    this.#worker.ref();
    this.#worker.postMessage('close');
    await this.#exited;
  }
}
