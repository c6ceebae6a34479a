/**
 * Which argument paths of each tool call have completed so far.
 *
 * A tool call snapshot lists only the paths that completed *since the previous
 * snapshot*. The React layer commits at most once per frame and so skips
 * snapshots; it must therefore collect `completedPaths` from every snapshot the
 * run emits, or a field completed in a skipped snapshot would keep its caret.
 */
import { pathKey } from '../json/path-key.ts';
import type { ToolCallSnapshot } from '../run/types.ts';

/** Completed path keys per tool call id. */
export type CompletedPaths = ReadonlyMap<string, ReadonlySet<string>>;

interface Entry {
  seen: ToolCallSnapshot;
  paths: Set<string>;
  published: ReadonlySet<string>;
  dirty: boolean;
}

/** Accumulates completed paths across snapshots; publishes immutable copies when asked. */
export interface ToolCallProgress {
  /** Records a snapshot's tool calls. Cost: the calls whose identity changed, times their new paths. */
  observe(calls: readonly ToolCallSnapshot[]): void;
  /** The completed paths now; the same object until something changed (for memoized rendering). */
  publish(): CompletedPaths;
}

const EMPTY: CompletedPaths = new Map();

/** Creates an empty accumulator. */
export function createToolCallProgress(): ToolCallProgress {
  const entries = new Map<string, Entry>();
  let published = EMPTY;
  let dirty = false;

  return {
    observe(calls) {
      if (calls.length < entries.size) {
        // Calls vanished: a new generation (retry) started; forget the old one.
        const live = new Set(calls.map((c) => c.id));
        for (const id of entries.keys()) if (!live.has(id)) entries.delete(id);
        dirty = true;
      }
      for (const call of calls) {
        let entry = entries.get(call.id);
        if (entry?.seen === call) continue;
        if (!entry || call.argsText.length < entry.seen.argsText.length) {
          entry = { seen: call, paths: new Set(), published: new Set(), dirty: true };
          entries.set(call.id, entry);
          dirty = true;
        }
        entry.seen = call;
        for (const path of call.completedPaths) {
          const key = pathKey(path);
          if (!entry.paths.has(key)) {
            entry.paths.add(key);
            entry.dirty = dirty = true;
          }
        }
      }
    },
    publish() {
      if (!dirty) return published;
      const next = new Map<string, ReadonlySet<string>>();
      for (const [id, entry] of entries) {
        if (entry.dirty) {
          entry.published = new Set(entry.paths);
          entry.dirty = false;
        }
        next.set(id, entry.published);
      }
      published = next;
      dirty = false;
      return published;
    },
  };
}
