/**
 * The validator of the beacon payload ({@link BeaconBatch}). Hand-written rather
 * than a schema library: it runs in the browser reporter and in the collector's
 * hot path, and it must name the first invalid field (`events[3].metrics.ttft_ms`)
 * in words a developer can act on.
 *
 * Rules: unknown fields are dropped, never an error (newer reporters may add
 * some); a wrong envelope rejects the whole batch; a wrong event rejects that
 * event only, so one bad answer never costs the good ones beside it.
 */
import {
  ANSWER_METRICS,
  type AnswerEvent,
  type AnswerMetric,
  BEACON_VERSION,
  type BeaconBatch,
  type BeaconBreach,
  type BeaconEvent,
  type BeaconLongFrameScript,
  type BeaconStage,
  type BeaconTags,
  MAX_EVENTS_PER_BEACON,
  MAX_METRIC_VALUE,
  MAX_STRING_LENGTH,
  MAX_TAGS,
  TAG_KEY_PATTERN,
  VITAL_NAMES,
  type VitalEvent,
} from './schema.ts';

/** Where a payload is wrong: a path into it (`events[2].tags.model`) and what is wrong there. */
export interface BeaconFieldError {
  path: string;
  message: string;
}

/** An event left out of an otherwise valid batch. */
export interface RejectedBeaconEvent extends BeaconFieldError {
  /** Its index in the batch as sent. */
  index: number;
}

/**
 * The outcome of {@link validateBeacon}. When `ok`, `batch.events` holds only the
 * valid events, cleaned of unknown fields, and `rejected` lists the others.
 */
export type BeaconValidation =
  | { ok: true; batch: BeaconBatch; rejected: RejectedBeaconEvent[] }
  | { ok: false; error: BeaconFieldError };

/** Thrown inside the walk and caught at the event or batch boundary; never escapes. */
class FieldError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

const METRIC_NAMES: ReadonlySet<string> = new Set(ANSWER_METRICS);
const VITALS: ReadonlySet<string> = new Set(VITAL_NAMES);
const OUTCOMES: ReadonlySet<string> = new Set(['done', 'error', 'aborted']);
const PAINT_METHODS: ReadonlySet<string> = new Set(['element-timing', 'next-frame']);
const TOKEN_SOURCES: ReadonlySet<string> = new Set(['usage', 'counted']);
const STAGE_SOURCES: ReadonlySet<string> = new Set(['resource-timing', 'server-timing', 'client']);
const RATINGS: ReadonlySet<string> = new Set(['good', 'needs-improvement', 'poor']);
const MAX_LIST = 64;

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(path, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new FieldError(path, 'must be an array');
  if (value.length > max) throw new FieldError(path, `must have at most ${max} entries, has ${value.length}`);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new FieldError(path, 'must be a string');
  if (value.length === 0) throw new FieldError(path, 'must not be empty');
  if (value.length > MAX_STRING_LENGTH) {
    throw new FieldError(path, `must be at most ${MAX_STRING_LENGTH} characters, has ${value.length}`);
  }
  return value;
}

function amount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new FieldError(path, 'must be a finite number');
  if (value < 0 || value > MAX_METRIC_VALUE) {
    throw new FieldError(path, `must be between 0 and ${MAX_METRIC_VALUE}, is ${value}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: ReadonlySet<string>, path: string): T {
  if (typeof value !== 'string' || !allowed.has(value)) {
    throw new FieldError(path, `must be one of ${[...allowed].map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value as T;
}

function tags(value: unknown, path: string): BeaconTags {
  const source = record(value, path);
  const keys = Object.keys(source);
  if (keys.length > MAX_TAGS)
    throw new FieldError(path, `must have at most ${MAX_TAGS} tags, has ${keys.length}`);
  // A null-prototype copy: a tag named `__proto__` or `constructor` stays a plain tag.
  const out = Object.create(null) as BeaconTags;
  for (const key of keys) {
    if (!TAG_KEY_PATTERN.test(key)) {
      throw new FieldError(
        `${path}.${key}`,
        'tag keys are lower snake_case: a letter, then letters, digits or _',
      );
    }
    out[key] = text(source[key], `${path}.${key}`);
  }
  return out;
}

function metrics(value: unknown, path: string): Partial<Record<AnswerMetric, number>> {
  const source = record(value, path);
  const out: Partial<Record<AnswerMetric, number>> = {};
  for (const key of Object.keys(source)) {
    // Unknown metrics are dropped like any unknown field: a newer reporter may send more.
    if (!METRIC_NAMES.has(key)) continue;
    out[key as AnswerMetric] = amount(source[key], `${path}.${key}`);
  }
  return out;
}

function stage(value: unknown, path: string): BeaconStage {
  const source = record(value, path);
  const out: BeaconStage = {
    name: text(source.name, `${path}.name`),
    source: oneOf(source.source, STAGE_SOURCES, `${path}.source`),
    dur_ms: amount(source.dur_ms, `${path}.dur_ms`),
  };
  if (source.start_ms !== undefined) out.start_ms = amount(source.start_ms, `${path}.start_ms`);
  return out;
}

function longFrameScript(value: unknown, path: string): BeaconLongFrameScript {
  const source = record(value, path);
  const out: BeaconLongFrameScript = {
    invoker: text(source.invoker, `${path}.invoker`),
    dur_ms: amount(source.dur_ms, `${path}.dur_ms`),
  };
  if (source.source_url !== undefined) out.source_url = text(source.source_url, `${path}.source_url`);
  if (source.function !== undefined) out.function = text(source.function, `${path}.function`);
  return out;
}

function breach(value: unknown, path: string): BeaconBreach {
  const source = record(value, path);
  return {
    budget: text(source.budget, `${path}.budget`),
    value_ms: amount(source.value_ms, `${path}.value_ms`),
    budget_ms: amount(source.budget_ms, `${path}.budget_ms`),
  };
}

function answer(source: Record<string, unknown>, path: string): AnswerEvent {
  const out: AnswerEvent = {
    type: 'answer',
    request_id: text(source.request_id, `${path}.request_id`),
    at: epochMs(source.at, `${path}.at`),
    outcome: oneOf(source.outcome, OUTCOMES, `${path}.outcome`),
    tags: tags(source.tags ?? {}, `${path}.tags`),
    metrics: metrics(source.metrics ?? {}, `${path}.metrics`),
  };
  if (source.error !== undefined) out.error = text(source.error, `${path}.error`);
  if (source.paint_method !== undefined) {
    out.paint_method = oneOf(source.paint_method, PAINT_METHODS, `${path}.paint_method`);
  }
  if (source.token_source !== undefined) {
    out.token_source = oneOf(source.token_source, TOKEN_SOURCES, `${path}.token_source`);
  }
  if (source.stages !== undefined) {
    out.stages = list(source.stages, `${path}.stages`, MAX_LIST).map((s, i) =>
      stage(s, `${path}.stages[${i}]`),
    );
  }
  if (source.breaches !== undefined) {
    out.breaches = list(source.breaches, `${path}.breaches`, MAX_LIST).map((b, i) =>
      breach(b, `${path}.breaches[${i}]`),
    );
  }
  if (source.flags !== undefined) {
    out.flags = list(source.flags, `${path}.flags`, MAX_LIST).map((f, i) => text(f, `${path}.flags[${i}]`));
  }
  if (source.long_frame_scripts !== undefined) {
    out.long_frame_scripts = list(source.long_frame_scripts, `${path}.long_frame_scripts`, MAX_LIST).map(
      (script, i) => longFrameScript(script, `${path}.long_frame_scripts[${i}]`),
    );
  }
  return out;
}

/**
 * Timestamps are epoch milliseconds (between 2001 and 5138): a value below that
 * range is a `performance.now()` sent by mistake, and would land in 1970.
 */
function epochMs(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new FieldError(path, 'must be a finite number');
  if (value < 1e12 || value > 1e14) {
    throw new FieldError(path, 'must be epoch milliseconds (Date.now()), not a relative time');
  }
  return value;
}

function vital(source: Record<string, unknown>, path: string): VitalEvent {
  const out: VitalEvent = {
    type: 'vital',
    id: text(source.id, `${path}.id`),
    name: oneOf(source.name, VITALS, `${path}.name`),
    value: amount(source.value, `${path}.value`),
    rating: oneOf(source.rating, RATINGS, `${path}.rating`),
    at: epochMs(source.at, `${path}.at`),
    tags: tags(source.tags ?? {}, `${path}.tags`),
  };
  if (source.streaming !== undefined) {
    if (typeof source.streaming !== 'boolean') throw new FieldError(`${path}.streaming`, 'must be a boolean');
    out.streaming = source.streaming;
  }
  if (source.target !== undefined) out.target = text(source.target, `${path}.target`);
  return out;
}

function event(value: unknown, path: string): BeaconEvent {
  const source = record(value, path);
  if (source.type === 'answer') return answer(source, path);
  if (source.type === 'vital') return vital(source, path);
  throw new FieldError(`${path}.type`, 'must be "answer" or "vital"');
}

/**
 * Checks a parsed beacon body against payload version 1. Never throws.
 *
 * @example
 * const result = validateBeacon(JSON.parse(body));
 * if (!result.ok) return new Response(`${result.error.path} ${result.error.message}`, { status: 400 });
 * store(result.batch.events); // result.rejected lists the events left out, by index
 */
export function validateBeacon(input: unknown): BeaconValidation {
  let envelope: Record<string, unknown>;
  let events: unknown[];
  let head: Omit<BeaconBatch, 'events'>;
  try {
    envelope = record(input, '$');
    if (envelope.v !== BEACON_VERSION) {
      throw new FieldError(
        'v',
        `must be ${BEACON_VERSION} (this validator reads payload version ${BEACON_VERSION})`,
      );
    }
    head = {
      v: BEACON_VERSION,
      session_id: text(envelope.session_id, 'session_id'),
      sent_at: epochMs(envelope.sent_at, 'sent_at'),
    };
    events = list(envelope.events, 'events', MAX_EVENTS_PER_BEACON);
    if (events.length === 0) throw new FieldError('events', 'must hold at least one event');
  } catch (error) {
    if (error instanceof FieldError)
      return { ok: false, error: { path: error.path, message: error.message } };
    throw error;
  }
  const valid: BeaconEvent[] = [];
  const rejected: RejectedBeaconEvent[] = [];
  events.forEach((value, index) => {
    try {
      valid.push(event(value, `events[${index}]`));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      rejected.push({ index, path: error.path, message: error.message });
    }
  });
  const first = rejected[0];
  // A batch with nothing worth storing is a bad request, named by its first fault.
  if (valid.length === 0 && first) return { ok: false, error: { path: first.path, message: first.message } };
  return { ok: true, batch: { ...head, events: valid }, rejected };
}
