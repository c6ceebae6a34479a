/**
 * The beacon payload, version 1: the one contract between the browser reporter
 * and any collector. Defined once here, with its validator beside it, so a
 * collector, a test endpoint and the reporter all check the same thing.
 *
 * Field names are snake_case because they travel as JSON into storage and
 * query strings (`/v1/stats?metric=ttfp_ms&group_by=model`), where they are the
 * vocabulary users type.
 */

/** The payload version this module reads and writes. Bumped only on a breaking change. */
export const BEACON_VERSION = 1;

/**
 * The largest body a beacon may have, in bytes of UTF-8. Browsers cap the
 * in-flight bodies of `sendBeacon` and `fetch(…, { keepalive: true })` at 64 KiB
 * per page; a reporter splits batches to stay under it, a collector answers 413
 * above it.
 */
export const MAX_BEACON_BYTES = 65_536;

/** At most this many events in one batch. */
export const MAX_EVENTS_PER_BEACON = 500;

/** At most this many tags on one event; a tag key matches {@link TAG_KEY_PATTERN}. */
export const MAX_TAGS = 32;
/** At most this many characters in a tag value, an id or any other string. */
export const MAX_STRING_LENGTH = 256;
/** Tag keys: lower snake_case, so they can be query parameters and Prometheus labels unchanged. */
export const TAG_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
/** Any number in a beacon is finite, non-negative and below this (about 11.5 days in ms). */
export const MAX_METRIC_VALUE = 1e9;

/**
 * The tags the toolkit knows. Low-cardinality by design: these six are the labels
 * a collector may expose to Prometheus. Apps add their own tags beside them.
 */
export const STANDARD_TAGS = [
  'model',
  'prompt_version',
  'feature',
  'protocol',
  'device_type',
  'network_type',
] as const;

/** One of {@link STANDARD_TAGS}. */
export type StandardTag = (typeof STANDARD_TAGS)[number];

/** Tags of an event: the standard ones where known, plus the app's own (string values only). */
export type BeaconTags = Partial<Record<StandardTag, string>> & Record<string, string>;

/**
 * Every number an answer event may carry, each in the unit its suffix names.
 * "start" is the request start; "action" is the user's action that started the
 * run (a click, an Enter), when the app recorded one. The exact definitions are
 * in the core README ("Beacon payload (v1)").
 */
export const ANSWER_METRICS = [
  // latency to the first token, and to its first paint
  'ttfb_ms',
  'ttft_ms',
  'ttft_from_action_ms',
  'ttfp_ms',
  'ttfp_from_action_ms',
  'paint_lag_ms',
  // the rest of the answer
  'tpot_ms',
  'itl_p50_ms',
  'itl_p95_ms',
  'itl_p99_ms',
  'tokens_per_s',
  'e2e_ms',
  'e2e_from_action_ms',
  'output_tokens',
  'input_tokens',
  'cached_input_tokens',
  // render cadence while the answer streamed
  'fps',
  'frames',
  'dropped_frames',
  'longest_frame_ms',
  'long_animation_frames',
  'long_animation_frame_ms',
  'commits',
  // the stream's own trouble
  'stalls',
  'stall_ms',
  'retries',
  'resumes',
  'tool_calls',
  'tool_wait_ms',
] as const;

/** One of {@link ANSWER_METRICS}. */
export type AnswerMetric = (typeof ANSWER_METRICS)[number];

/** How the first paint was timed. Percentiles never mix methods. */
export type PaintMethod = 'element-timing' | 'next-frame';
/** Where the token counts came from: the provider's `usage`, or counted deltas. */
export type TokenSource = 'usage' | 'counted';
/** How a run ended. */
export type AnswerOutcome = 'done' | 'error' | 'aborted';
/** Where a stage of the waterfall was measured. */
export type StageSource = 'resource-timing' | 'server-timing' | 'client';

/** One bar of an answer's latency waterfall. */
export interface BeaconStage {
  /** `dns`, `connect`, `tls`, `request`, `ttfb`, `first-token`, `tools`, `paint`, or `server:<name>` for a `Server-Timing` entry. */
  name: string;
  source: StageSource;
  /** Start, in ms after the run's start, where known (server stages have none). */
  start_ms?: number;
  dur_ms: number;
}

/** A budget the answer went over. */
export interface BeaconBreach {
  /** The budget's name: a metric (`ttft_ms`) or a stage (`server:retrieval`). */
  budget: string;
  value_ms: number;
  budget_ms: number;
}

/**
 * A script that ran in a long animation frame while the answer streamed (from
 * `long-animation-frame` entries' `scripts`): what to blame for a janky answer.
 * URLs lose their query and fragment, which may carry user data.
 */
export interface BeaconLongFrameScript {
  /** What called the script: `DIV.onclick`, `Window.requestAnimationFrame`, `Response.json.then`, a script URL. */
  invoker: string;
  /** The script's URL, where the browser names one. */
  source_url?: string;
  /** The function that ran, where the browser names one. */
  function?: string;
  dur_ms: number;
}

/** One streamed answer, measured in the browser. */
export interface AnswerEvent {
  type: 'answer';
  /** Unique per answer; a collector stores an answer once however often it is sent. */
  request_id: string;
  /** Epoch ms of the run's start (the user's action where recorded, else the request start). */
  at: number;
  outcome: AnswerOutcome;
  /** The error's class name (`HttpError`, `StallError`…) when `outcome` is `error`; never its message, which may quote user data. */
  error?: string;
  tags: BeaconTags;
  metrics: Partial<Record<AnswerMetric, number>>;
  paint_method?: PaintMethod;
  token_source?: TokenSource;
  stages?: BeaconStage[];
  breaches?: BeaconBreach[];
  /** Diagnoses, e.g. `buffered` (the stream arrived in one burst after a silence: a buffering proxy). */
  flags?: string[];
  /** The longest scripts of the long animation frames while the answer streamed (at most 5, longest first). */
  long_frame_scripts?: BeaconLongFrameScript[];
}

/** The Core Web Vitals and friends, reported once per page by `web-vitals`. */
export const VITAL_NAMES = ['INP', 'LCP', 'CLS', 'FCP', 'TTFB'] as const;
/** One of {@link VITAL_NAMES}. */
export type VitalName = (typeof VITAL_NAMES)[number];
/** web-vitals' own rating of a value. */
export type VitalRating = 'good' | 'needs-improvement' | 'poor';

/** A page-level web vital. */
export interface VitalEvent {
  type: 'vital';
  /** Unique per report (web-vitals' metric id). */
  id: string;
  name: VitalName;
  /** ms for all but CLS, which is unitless. */
  value: number;
  rating: VitalRating;
  /** Epoch ms of the report. */
  at: number;
  tags: BeaconTags;
  /** INP only: an answer was streaming during the interaction. */
  streaming?: boolean;
  /** A CSS selector of the element the vital is attributed to, where web-vitals names one. */
  target?: string;
}

/** One event of a batch. */
export type BeaconEvent = AnswerEvent | VitalEvent;

/** What one beacon carries: a batch of events from one page session. */
export interface BeaconBatch {
  v: typeof BEACON_VERSION;
  /** Random per page session; ties vitals and answers of one page together. */
  session_id: string;
  /** Epoch ms when the batch left the page (client clock). */
  sent_at: number;
  events: BeaconEvent[];
}
