/**
 * The completed argument paths of one tool call, cumulative and structurally
 * shared. Paths are appended to one log as they complete; each snapshot gets a
 * read-only view of the log's first `n` entries. Building a snapshot therefore
 * costs O(1) however many paths completed (a copied `Set` per snapshot would make
 * an answer with thousands of fields quadratic), and a reader that skipped
 * snapshots still sees every path completed in them.
 */
import { pathKey } from './path-key.ts';
import type { JSONPath } from './types.ts';

/** An append-only log of completed paths. */
export interface CompletedPathLog {
  /** Records `paths` (already-recorded ones are ignored). */
  add(paths: readonly JSONPath[]): void;
  /** The paths recorded so far; the same object until {@link CompletedPathLog.add} records a new one. */
  view(): ReadonlySet<string>;
}

const EMPTY: ReadonlySet<string> = Object.freeze(new Set<string>());

/** A `ReadonlySet` over the first `size` keys of a log whose entries never change once written. */
class LogPrefix implements ReadonlySet<string> {
  readonly #order: ReadonlyMap<string, number>;
  readonly #keys: readonly string[];
  readonly size: number;

  constructor(order: ReadonlyMap<string, number>, keys: readonly string[], size: number) {
    this.#order = order;
    this.#keys = keys;
    this.size = size;
  }

  has(key: string): boolean {
    const index = this.#order.get(key);
    return index !== undefined && index < this.size;
  }

  *keys(): SetIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.#keys[i] as string;
  }

  values(): SetIterator<string> {
    return this.keys();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.keys();
  }

  *entries(): SetIterator<[string, string]> {
    for (const key of this.keys()) yield [key, key];
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const key of this.keys()) callback.call(thisArg, key, key, this);
  }
}

/** Creates an empty log. */
export function createCompletedPathLog(): CompletedPathLog {
  const order = new Map<string, number>();
  const keys: string[] = [];
  let current: ReadonlySet<string> = EMPTY;
  return {
    add(paths) {
      for (const path of paths) {
        const key = pathKey(path);
        if (order.has(key)) continue;
        order.set(key, keys.length);
        keys.push(key);
      }
    },
    view() {
      if (current.size !== keys.length) current = Object.freeze(new LogPrefix(order, keys, keys.length));
      return current;
    },
  };
}
