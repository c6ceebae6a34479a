/**
 * The bench page's settings, read from the query string so the Playwright
 * runner (and a human comparing by eye) picks the implementation and load
 * without rebuilding: `?impl=ai-sdk&prior=1000&script=long&tps=1000` (`&tokens=400` cuts the answer).
 */
import { mockUrl } from '@tokenpaint/mock-llm';

/**
 * The chat implementations under comparison. `tokenpaint` shows the answer with
 * its own `<StreamingMarkdown>`, as its users get by default; `tokenpaint-streamdown`
 * puts Streamdown in its `Text` slot, for a comparison with the AI SDK on equal
 * terms (the same Markdown renderer on both sides). `tokenpaint-metrics` is
 * `tokenpaint` inside a <TokenpaintProvider> reporting every answer (to a beacon
 * that sends nothing): the metrics' overhead is the difference from `tokenpaint`.
 * Prior messages are the same memoized Streamdown rows everywhere.
 */
export const IMPLS = [
  'tokenpaint',
  'tokenpaint-streamdown',
  'tokenpaint-metrics',
  'ai-sdk',
  'ai-sdk-throttle',
  'naive',
] as const;
/** One of {@link IMPLS}. `naive` is the baseline: fetch, a state update per token, Streamdown re-rendering the answer. */
export type Impl = (typeof IMPLS)[number];

/**
 * How the conversation is listed: `idiomatic` as each library's users would
 * (tokenpaint's `<Transcript>`, the AI SDK and the naive page render every
 * message), or the same on every side: `virtual` (`<Transcript>`) or `plain`
 * (every message mounted, kept at the bottom by the shared stick-to-bottom hook).
 */
export const LISTS = ['idiomatic', 'virtual', 'plain'] as const;
/** One of {@link LISTS}. */
export type ListMode = (typeof LISTS)[number];

/** What one bench page renders and streams. */
export interface BenchParams {
  readonly impl: Impl;
  /** Messages already in the conversation before the streamed answer. */
  readonly prior: number;
  /** The mock LLM script streamed as the answer (`long`, `markdown`, …). */
  readonly script: string;
  /** Tokens per second the mock delivers. */
  readonly tps: number;
  /** The answer ends after the script's first n tokens (the mock's `maxTokens`); `null`: the whole script. */
  readonly maxTokens: number | null;
  /** `throttle` (ms) passed to `useChat` by the `ai-sdk-throttle` variant. */
  readonly throttleMs: number;
  /** Starts the stream by itself once the page settled (for humans); the runner calls `__benchStart()`. */
  readonly autostart: boolean;
  /** How the conversation is listed (see {@link LISTS}). */
  readonly list: ListMode;
}

/** A query parameter with a value the bench cannot use. */
export class BenchParamError extends Error {
  override readonly name = 'BenchParamError';
  readonly param: string;
  readonly value: string;
  constructor(param: string, value: string, expected: string) {
    super(`Query parameter "${param}" must be ${expected}; got "${value}".`);
    this.param = param;
    this.value = value;
  }
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new BenchParamError(name, raw, `an integer ≥ ${min}`);
  return value;
}

function listMode(raw: string): ListMode {
  if (!(LISTS as readonly string[]).includes(raw))
    throw new BenchParamError('list', raw, `one of ${LISTS.join(', ')}`);
  return raw as ListMode;
}

/** Parses `search` (e.g. `location.search`); throws {@link BenchParamError} on a bad value. */
export function readBenchParams(search: string): BenchParams {
  const query = new URLSearchParams(search);
  const impl = query.get('impl') ?? 'tokenpaint';
  if (!(IMPLS as readonly string[]).includes(impl)) {
    throw new BenchParamError('impl', impl, `one of ${IMPLS.join(', ')}`);
  }
  return {
    impl: impl as Impl,
    prior: integer(query, 'prior', 1000, 0),
    script: query.get('script') ?? 'long',
    tps: integer(query, 'tps', 1000, 1),
    maxTokens: query.get('tokens') === null ? null : integer(query, 'tokens', 0, 1),
    throttleMs: integer(query, 'throttle', 50, 1),
    autostart: query.get('autostart') === '1',
    list: listMode(query.get('list') ?? 'idiomatic'),
  };
}

/**
 * The mock endpoint both implementations stream from. `preset=fast` with a fixed
 * `seed`: identical delivery timing for every run and both sides.
 */
export function chatUrl(params: BenchParams): string {
  return mockUrl({
    protocol: 'ai-sdk',
    preset: 'fast',
    script: params.script,
    overrides: { tps: params.tps, seed: 7, maxTokens: params.maxTokens ?? undefined },
    basePath: '/mock',
  });
}
