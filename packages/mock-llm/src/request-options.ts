import { MockRequestError } from './errors.ts';
import {
  DEFAULT_PRESET,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type TimingProfile,
} from './profiles/presets.ts';
import { DEFAULT_SCRIPT, SCRIPT_NAMES, type ScriptName } from './scripts/registry.ts';

/** Everything a request chose, after defaults and validation. */
export interface MockRequestOptions {
  preset: PresetName;
  script: ScriptName;
  /** Seed of the timing PRNG (default 1). */
  seed: number;
  /** Every SSE event carries an `id:`; reconnects may send `Last-Event-ID`. */
  resumable: boolean;
  /** The preset's profile with the request's overrides applied. */
  profile: TimingProfile;
  /** `maxTokens=<n>`: the answer ends after the script's first n tokens (`limitTokens`); `null` when absent. */
  maxTokens: number | null;
  /** Parsed `Last-Event-ID` header, or `null` when absent. */
  lastEventId: number | null;
  /**
   * `serverTiming=<ms>`: the backend spends this long on retrieval before it
   * answers (the headers wait for it) and says so in a `Server-Timing` header,
   * as a real backend declares its stages. `null` when absent.
   */
  serverTimingMs: number | null;
  /**
   * `handshake=<ms>`: a fresh connection's DNS + TCP + TLS cost, paid by the
   * first request on a socket (Node servers only: see `connection-handshake.ts`).
   * 0 when absent.
   */
  handshakeMs: number;
}

/** One numeric override: its bounds, and whether `off` may disable it. */
interface NumberRule {
  min: number;
  max?: number;
  integer?: boolean;
  nullable?: boolean;
  infinite?: boolean;
  exclusiveMin?: boolean;
}

/**
 * The longest wait a request may ask for. Timers past 2^31 - 1 ms fire at once
 * in Node and browsers, so an absurd `ttft` would mean "immediately"; ten
 * minutes is far beyond any test and any real provider's patience.
 */
const MAX_WAIT_MS = 600_000;

/**
 * The longest `handshake` a request may ask for: a mobile network's DNS + TCP +
 * TLS on a bad day is a few seconds, never minutes.
 */
export const MAX_HANDSHAKE_MS = 10_000;

const NUMBER_RULES = {
  ttft: { min: 0, max: MAX_WAIT_MS },
  // At least one token per 100 s: a smaller rate makes the token interval overflow the timer.
  tps: { min: 0.01, infinite: true },
  jitter: { min: 0, max: 1 },
  burst: { min: 1, integer: true },
  stallAt: { min: 0, integer: true, nullable: true },
  stallMs: { min: 0, max: MAX_WAIT_MS },
  dropAt: { min: 0, integer: true, nullable: true },
  malformedAt: { min: 0, integer: true, nullable: true },
  status: { min: 400, max: 599, integer: true, nullable: true },
  retryAfter: { min: 0, max: 86_400, integer: true, nullable: true },
} as const satisfies Partial<Record<keyof TimingProfile, NumberRule>>;

/** Names of the per-request profile overrides, as accepted in the query string. */
export const OVERRIDE_NAMES = [...Object.keys(NUMBER_RULES), 'buffer'] as readonly (keyof TimingProfile)[];

/**
 * Reads an option from the query string (`?stallAt=5`, case-insensitive name)
 * or, failing that, from the `x-mock-<name>` header. The query wins: it is the
 * more specific of the two when an SDK sets default headers for every call.
 */
function reader(url: URL, headers: Headers): (name: string) => string | null {
  const query = new Map<string, string>();
  for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
  return (name) => query.get(name.toLowerCase()) ?? headers.get(`x-mock-${name}`);
}

function parseBoolean(name: string, raw: string): boolean {
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new MockRequestError(`Option "${name}" must be 1/true or 0/false, got "${raw}".`, { param: name });
}

function parseNumber(name: string, raw: string, rule: NumberRule): number | null {
  if (rule.nullable && (raw === 'off' || raw === 'none')) return null;
  if (rule.infinite && (raw === 'inf' || raw === 'Infinity')) return Number.POSITIVE_INFINITY;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const tooLow = rule.exclusiveMin ? value <= rule.min : value < rule.min;
  if (!Number.isFinite(value) || tooLow || (rule.max !== undefined && value > rule.max)) {
    const range = `${rule.exclusiveMin ? '>' : '≥'} ${rule.min}${rule.max === undefined ? '' : ` and ≤ ${rule.max}`}`;
    const extras = [rule.infinite ? '"inf"' : '', rule.nullable ? '"off"' : ''].filter(Boolean).join(' or ');
    throw new MockRequestError(
      `Option "${name}" must be a number ${range}${extras ? `, or ${extras}` : ''}; got "${raw}".`,
      { param: name },
    );
  }
  if (rule.integer && !Number.isInteger(value)) {
    throw new MockRequestError(`Option "${name}" must be an integer, got "${raw}".`, { param: name });
  }
  return value;
}

/**
 * Parses the mock options of a request (query string or `x-mock-*` headers)
 * and the `Last-Event-ID` header.
 *
 * @throws {MockRequestError} naming the option and the accepted values, for an
 * unknown preset or script or a value out of range.
 */
export function parseRequestOptions(url: URL, headers: Headers): MockRequestOptions {
  const get = reader(url, headers);

  const presetRaw = get('preset') ?? DEFAULT_PRESET;
  if (!Object.hasOwn(PRESETS, presetRaw)) {
    throw new MockRequestError(`Unknown preset "${presetRaw}". Presets: ${PRESET_NAMES.join(', ')}.`, {
      param: 'preset',
    });
  }
  const preset = presetRaw as PresetName;

  const scriptRaw = get('script') ?? DEFAULT_SCRIPT;
  if (!SCRIPT_NAMES.includes(scriptRaw as ScriptName)) {
    throw new MockRequestError(`Unknown script "${scriptRaw}". Scripts: ${SCRIPT_NAMES.join(', ')}.`, {
      param: 'script',
    });
  }

  const seedRaw = get('seed');
  const seed = seedRaw === null ? 1 : parseNumber('seed', seedRaw, { min: -(2 ** 31), integer: true })!;

  const profile: TimingProfile = { ...PRESETS[preset] };
  for (const [name, rule] of Object.entries(NUMBER_RULES) as [keyof typeof NUMBER_RULES, NumberRule][]) {
    const raw = get(name);
    if (raw === null) continue;
    const value = parseNumber(name, raw, rule);
    if (value === null && !rule.nullable) continue;
    (profile as unknown as Record<string, number | null>)[name] = value;
  }
  const bufferRaw = get('buffer');
  if (bufferRaw !== null) profile.buffer = parseBoolean('buffer', bufferRaw);

  const resumableRaw = get('resumable');
  const resumable = resumableRaw === null ? false : parseBoolean('resumable', resumableRaw);

  const lastEventIdRaw = headers.get('last-event-id');
  let lastEventId: number | null = null;
  if (lastEventIdRaw !== null) {
    if (!resumable) {
      throw new MockRequestError('Last-Event-ID is only understood on resumable streams: add resumable=1.', {
        param: 'Last-Event-ID',
      });
    }
    lastEventId = parseNumber('Last-Event-ID', lastEventIdRaw, { min: 0, integer: true });
  }

  const maxTokensRaw = get('maxTokens');
  const maxTokens =
    maxTokensRaw === null ? null : parseNumber('maxTokens', maxTokensRaw, { min: 1, integer: true });

  const serverTimingRaw = get('serverTiming');
  const serverTimingMs =
    serverTimingRaw === null ? null : parseNumber('serverTiming', serverTimingRaw, { min: 0, max: 60_000 });

  const handshakeRaw = get('handshake');
  const handshakeMs =
    handshakeRaw === null ? 0 : parseNumber('handshake', handshakeRaw, { min: 0, max: MAX_HANDSHAKE_MS })!;

  return {
    preset,
    script: scriptRaw as ScriptName,
    seed,
    resumable,
    profile,
    maxTokens,
    lastEventId,
    serverTimingMs,
    handshakeMs,
  };
}
