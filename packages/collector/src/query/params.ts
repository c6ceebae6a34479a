import { TAG_KEY_PATTERN } from '@tokenpaint/core';
import { CollectorQueryError } from '../errors.ts';

const SERIES_PATTERN = /^[A-Za-z0-9_:.-]{1,160}$/;
const DURATION_PATTERN = /^(\d+)(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_GROUP_BY = 4;

/** `where=model:gpt-4o|gpt-4.1`: the tag must have one of the values. */
export type TagFilter = ReadonlyMap<string, ReadonlySet<string>>;

/** The parts every query shares. */
export interface WindowQuery {
  from: number;
  to: number;
  where: TagFilter;
  groupBy: string[];
}

/** A duration like `5m`, `1h`, `7d`, in ms. */
export function parseDuration(parameter: string, raw: string): number {
  const match = DURATION_PATTERN.exec(raw);
  if (match === null)
    throw new CollectorQueryError(parameter, `expected a duration like 30s, 5m, 1h or 7d, got "${raw}"`);
  return Number(match[1]) * (UNIT_MS[match[2] ?? 'm'] ?? 60_000);
}

/** Epoch ms, an ISO 8601 date, or a duration back from now (`-24h`). */
function parseTime(parameter: string, raw: string, now: number): number {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  if (raw.startsWith('-')) return now - parseDuration(parameter, raw.slice(1));
  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed))
    throw new CollectorQueryError(
      parameter,
      `expected epoch ms, an ISO 8601 date or -<duration>, got "${raw}"`,
    );
  return parsed;
}

/** `metric=` (required). */
export function parseMetric(params: URLSearchParams): string {
  const metric = params.get('metric');
  if (metric === null || metric === '')
    throw new CollectorQueryError('metric', 'required, e.g. metric=ttfp_ms');
  if (!SERIES_PATTERN.test(metric)) throw new CollectorQueryError('metric', `not a metric name: "${metric}"`);
  return metric;
}

/** `from`, `to` (default: the last 24 hours), `group_by`, `where`. */
export function parseWindow(params: URLSearchParams, now: number): WindowQuery {
  const to = parseTime('to', params.get('to') ?? String(now), now);
  const from = parseTime('from', params.get('from') ?? '-24h', now);
  if (!(from < to)) throw new CollectorQueryError('from', 'must be before to');
  const groupBy = (params.get('group_by') ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (groupBy.length > MAX_GROUP_BY)
    throw new CollectorQueryError('group_by', `at most ${MAX_GROUP_BY} tags, got ${groupBy.length}`);
  for (const key of groupBy)
    if (!TAG_KEY_PATTERN.test(key)) throw new CollectorQueryError('group_by', `not a tag key: "${key}"`);
  const where = new Map<string, Set<string>>();
  for (const clause of params.getAll('where')) {
    for (const part of clause.split(',')) {
      if (part.trim() === '') continue;
      const colon = part.indexOf(':');
      const key = part.slice(0, colon).trim();
      if (colon < 1 || !TAG_KEY_PATTERN.test(key))
        throw new CollectorQueryError('where', `expected tag:value[|value…], got "${part}"`);
      const values = where.get(key) ?? new Set<string>();
      for (const value of part.slice(colon + 1).split('|')) values.add(value);
      where.set(key, values);
    }
  }
  return { from, to, where, groupBy };
}
