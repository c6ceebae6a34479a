import type { BeaconTags } from '@tokenpaint/core';
import { Sketch } from '../sketch.ts';
import { type BeaconStore, type Resolution, resolutionMs } from '../store/sqlite-store.ts';
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
 * The time ranges that cover `[from, to)`, widened to whole minutes: whole hours
 * from the hour cells, the ragged edges from the minute cells. A week is then
 * 168 hour cells per tag set rather than 10,080 minute cells.
 */
function coveringRanges(from: number, to: number): Array<[Resolution, number, number]> {
  const fromMinute = Math.floor(from / 60_000);
  const toMinute = Math.ceil(to / 60_000);
  const fromHour = Math.ceil(fromMinute / 60);
  const toHour = Math.floor(toMinute / 60);
  if (fromHour >= toHour) return [['minute', fromMinute, toMinute]];
  const ranges: Array<[Resolution, number, number]> = [['hour', fromHour, toHour]];
  if (fromMinute < fromHour * 60) ranges.push(['minute', fromMinute, fromHour * 60]);
  if (toHour * 60 < toMinute) ranges.push(['minute', toHour * 60, toMinute]);
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
      target.sketch.merge(cell.sketch);
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
  const resolution: Resolution = stepMs % 3_600_000 === 0 ? 'hour' : 'minute';
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
    sketch.merge(cell.sketch);
  }
  return [...groups.values()];
}
