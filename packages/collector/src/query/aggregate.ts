import type { BeaconTags } from '@tokenpaint/core';
import { Sketch } from '../sketch.ts';
import type { BeaconStore } from '../store/sqlite-store.ts';
import { type Resolution, resolutionMs } from '../store/write-behind.ts';
import type { TagFilter, WindowQuery } from './params.ts';

/** One group of a query: the group-by tags' values (null where an event lacks the tag) and its merged sketch. */
export interface Group {
  tags: Record<string, string | null>;
  sketch: Sketch;
}

function matches(tags: BeaconTags, where: TagFilter): boolean {
  for (const [key, values] of where) {
    const value = tags[key];
    if (value === undefined || !values.has(value)) return false;
  }
  return true;
}

/** Tag set id → group key and tags, for the tag sets the filter lets through. */
function groupsOfTagsets(
  store: BeaconStore,
  query: WindowQuery,
): Map<number, { key: string; tags: Group['tags'] }> {
  const out = new Map<number, { key: string; tags: Group['tags'] }>();
  for (const [id, tags] of store.tagsets()) {
    if (!matches(tags, query.where)) continue;
    const groupTags: Group['tags'] = {};
    for (const key of query.groupBy) groupTags[key] = tags[key] ?? null;
    out.set(id, { key: JSON.stringify(query.groupBy.map((key) => groupTags[key])), tags: groupTags });
  }
  return out;
}

/**
 * The time ranges that cover `[from, to)`, widened to whole minutes, coarsest
 * first: whole UTC days from the day cells, the ragged hours from the hour
 * cells, the ragged minutes from the minute cells. A month is then about 30
 * cells per tag set rather than 43,200.
 */
function coveringRanges(from: number, to: number): Array<[Resolution, number, number]> {
  const ranges: Array<[Resolution, number, number]> = [];
  const finer: Record<Resolution, Resolution | undefined> = {
    day: 'hour',
    hour: 'minute',
    minute: undefined,
  };
  const minutesPer: Record<Resolution, number> = { day: 1440, hour: 60, minute: 1 };
  // lo, hi: minutes since the epoch.
  const cover = (lo: number, hi: number, resolution: Resolution): void => {
    if (lo >= hi) return;
    const size = minutesPer[resolution];
    const first = Math.ceil(lo / size);
    const last = Math.floor(hi / size);
    const next = finer[resolution];
    if (next === undefined || first < last) ranges.push([resolution, first, last]);
    if (next === undefined) return;
    if (first >= last) cover(lo, hi, next);
    else {
      cover(lo, first * size, next);
      cover(last * size, hi, next);
    }
  };
  cover(Math.floor(from / 60_000), Math.ceil(to / 60_000), 'day');
  return ranges;
}

/** A series' values in a window, merged per group. Groups with no values are absent. */
export function groupsInWindow(store: BeaconStore, series: string, query: WindowQuery): Group[] {
  const tagsets = groupsOfTagsets(store, query);
  const groups = new Map<string, Group>();
  for (const [resolution, fromBucket, toBucket] of coveringRanges(query.from, query.to)) {
    for (const cell of store.cells(series, resolution, fromBucket, toBucket)) {
      const group = tagsets.get(cell.tagset);
      if (group === undefined) continue;
      let target = groups.get(group.key);
      if (target === undefined) {
        target = { tags: group.tags, sketch: new Sketch() };
        groups.set(group.key, target);
      }
      target.sketch.mergeEncoded(cell.data);
    }
  }
  return [...groups.values()].sort((a, b) => b.sketch.count - a.sketch.count);
}

/** A series per group and time step. Steps that are whole hours read hour cells. */
export function groupsOverTime(
  store: BeaconStore,
  series: string,
  query: WindowQuery,
  stepMs: number,
): Array<{ tags: Group['tags']; steps: Map<number, Sketch> }> {
  const tagsets = groupsOfTagsets(store, query);
  const resolution: Resolution =
    stepMs % 86_400_000 === 0 ? 'day' : stepMs % 3_600_000 === 0 ? 'hour' : 'minute';
  const bucketMs = resolutionMs(resolution);
  const firstStep = Math.floor(query.from / stepMs) * stepMs;
  const groups = new Map<string, { tags: Group['tags']; steps: Map<number, Sketch> }>();
  const cells = store.cells(
    series,
    resolution,
    Math.floor(firstStep / bucketMs),
    Math.ceil(query.to / bucketMs),
  );
  for (const cell of cells) {
    const group = tagsets.get(cell.tagset);
    if (group === undefined) continue;
    let target = groups.get(group.key);
    if (target === undefined) {
      target = { tags: group.tags, steps: new Map() };
      groups.set(group.key, target);
    }
    const step = Math.floor((cell.bucket * bucketMs) / stepMs) * stepMs;
    let sketch = target.steps.get(step);
    if (sketch === undefined) {
      sketch = new Sketch();
      target.steps.set(step, sketch);
    }
    sketch.mergeEncoded(cell.data);
  }
  return [...groups.values()];
}
