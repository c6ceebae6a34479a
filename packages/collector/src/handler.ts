import { MAX_BEACON_BYTES, validateBeacon } from '@tokenpaint/core';
import { CollectorQueryError, CollectorStorageError } from './errors.ts';
import { checkOrigin, corsHeaders } from './http/cors.ts';
import { dashboardFile } from './http/dashboard.ts';
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.ts';
import { BodyError, readBody } from './http/read-body.ts';
import { PrometheusRegistry } from './prometheus.ts';
import { breachesReport, catalogReport, seriesReport, stagesReport, statsReport } from './query/reports.ts';
import { type BeaconStore, openStore } from './store/sqlite-store.ts';

/** What the server adapter knows about a request that the Fetch `Request` does not carry. */
export interface ClientInfo {
  /** The peer's IP address (Node: `socket.remoteAddress`). */
  clientAddress?: string;
}

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** SQLite file; created and migrated on first use. Default `./beacons.db`; `:memory:` keeps nothing. */
  db?: string;
  /** Days of events and aggregates to keep. Default 30. */
  retentionDays?: number;
  /** `full` (default): a 202 survives power loss. `normal`: it survives a crash of the collector only; faster. */
  synchronous?: 'full' | 'normal';
  /** Origins (`https://app.example.com`, or `*`) whose pages may post beacons and read stats. Same-origin is always allowed. */
  allowedOrigins?: readonly string[];
  /** Per-client token bucket on `POST /v1/beacon` (default 10/s, burst 60); `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Who a client is, for the rate limit. Default: the adapter's `clientAddress`,
   * or with `trustProxy` the first `X-Forwarded-For` address.
   */
  clientKey?: (request: Request, info: ClientInfo) => string;
  /** Believe `X-Forwarded-For` (only behind a proxy that sets it). Default false. */
  trustProxy?: boolean;
  /** Serve everything under this prefix (`/collector`). Default none. */
  basePath?: string;
  /** A body must arrive within this many ms. Default 10,000. */
  bodyTimeoutMs?: number;
  /** Serve the dashboard at `GET /` (default true). Its data routes are public like `/v1/stats`: put both behind your auth if the data is private. */
  dashboard?: boolean;
  /** The clock, for tests. */
  now?: () => number;
}

/** A Fetch-standard request handler with the storage it owns. */
export interface CollectorHandler {
  (request: Request, info?: ClientInfo): Promise<Response>;
  /** Stores what is queued, writes aggregates behind and closes the database. */
  close(): Promise<void>;
  /** The storage, for tests and tools in the same process. */
  readonly store: BeaconStore;
}

const ACCEPTED_TYPES = new Set(['text/plain', 'application/json']);

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function problem(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers = {},
) {
  return json(status, { error: { status, code, message, ...extra } }, headers);
}

function defaultClientKey(trustProxy: boolean) {
  return (request: Request, info: ClientInfo): string => {
    if (trustProxy) {
      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return info.clientAddress ?? 'unknown';
  };
}

/**
 * The collector as one Fetch handler: mount it in Node (`listen`, or
 * `toNodeListener`), Hono, a Next.js route handler or a Vite dev server.
 *
 * @example
 * const collector = createCollector({ db: './beacons.db', allowedOrigins: ['https://app.example.com'] });
 * export const POST = collector; // a Next.js route handler at /v1/beacon
 */
export function createCollector(options: CollectorOptions = {}): CollectorHandler {
  const now = options.now ?? Date.now;
  const prometheus = new PrometheusRegistry();
  const store = openStore({
    path: options.db ?? './beacons.db',
    ...(options.retentionDays !== undefined && { retentionDays: options.retentionDays }),
    ...(options.synchronous !== undefined && { synchronous: options.synchronous }),
    now,
    onStored: (event) => prometheus.observe(event),
  });
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit);
  const clientKey = options.clientKey ?? defaultClientKey(options.trustProxy === true);
  const allowed = options.allowedOrigins ?? [];
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const dashboard = options.dashboard !== false;

  const countBeacon = (response: Response): Response => {
    prometheus.count(
      'tokenpaint_beacons_total',
      'Beacons received, by response status.',
      'code',
      String(response.status),
    );
    return response;
  };

  async function ingest(request: Request, info: ClientInfo, cors: Record<string, string>): Promise<Response> {
    const type =
      (request.headers.get('content-type') ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_TYPES.has(type))
      return problem(
        415,
        'unsupported_media_type',
        `content-type ${type} is not accepted; send text/plain or application/json`,
        {},
        cors,
      );
    if (limiter !== undefined) {
      const wait = limiter.take(clientKey(request, info), now());
      if (wait > 0)
        return problem(
          429,
          'rate_limited',
          `too many beacons from this client; retry in ${wait} s`,
          {},
          {
            ...cors,
            'retry-after': String(wait),
          },
        );
    }
    let text: string;
    try {
      text = await readBody(request, MAX_BEACON_BYTES, bodyTimeoutMs);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const code = { 400: 'invalid_utf8', 408: 'body_timeout', 413: 'payload_too_large' }[error.status];
      return problem(error.status, code, error.message, {}, cors);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      return problem(
        400,
        'invalid_json',
        `the body is not JSON: ${(error as Error).message}`,
        { path: '' },
        cors,
      );
    }
    const validation = validateBeacon(payload);
    if (!validation.ok)
      return problem(
        400,
        'invalid_beacon',
        `${validation.error.path || 'body'}: ${validation.error.message}`,
        {
          path: validation.error.path,
        },
        cors,
      );
    const { batch, rejected } = validation;
    const firstRejected = rejected[0];
    if (batch.events.length === 0 && firstRejected !== undefined)
      return problem(
        400,
        'invalid_beacon',
        `${firstRejected.path}: ${firstRejected.message}`,
        {
          path: firstRejected.path,
          rejected,
        },
        cors,
      );
    try {
      const result = await store.append(batch, now());
      prometheus.count(
        'tokenpaint_events_total',
        'Events received, by result.',
        'result',
        'stored',
        result.stored,
      );
      prometheus.count(
        'tokenpaint_events_total',
        'Events received, by result.',
        'result',
        'duplicate',
        result.duplicates,
      );
      prometheus.count(
        'tokenpaint_events_total',
        'Events received, by result.',
        'result',
        'rejected',
        rejected.length,
      );
      return json(
        202,
        { accepted: result.stored, duplicates: result.duplicates, expired: result.expired, rejected },
        cors,
      );
    } catch (error) {
      if (!(error instanceof CollectorStorageError)) throw error;
      // Storage trouble is the collector's, not the beacon's: a 503 tells the reporter to keep it and retry.
      return problem(503, 'storage_unavailable', error.message, {}, { ...cors, 'retry-after': '5' });
    }
  }

  function query(path: string, params: URLSearchParams, cors: Record<string, string>): Response | undefined {
    const reports: Record<string, () => unknown> = {
      '/v1/stats': () => statsReport(store, params, now()),
      '/v1/series': () => seriesReport(store, params, now()),
      '/v1/stages': () => stagesReport(store, params, now()),
      '/v1/breaches': () => breachesReport(store, params, now()),
      '/v1/catalog': () => catalogReport(store),
    };
    const report = reports[path];
    if (report === undefined) return undefined;
    try {
      return json(200, report(), cors);
    } catch (error) {
      if (!(error instanceof CollectorQueryError)) throw error;
      return problem(400, 'invalid_query', error.message, { parameter: error.parameter }, cors);
    }
  }

  const handler = async (request: Request, info: ClientInfo = {}): Promise<Response> => {
    const url = new URL(request.url);
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))
      return problem(404, 'not_found', `nothing at ${url.pathname}`);
    const path = url.pathname.slice(basePath.length) || '/';
    const origin = checkOrigin(request, allowed);
    if (!origin.allowed) {
      const response = problem(
        403,
        'origin_not_allowed',
        `origin ${origin.origin} is not in the collector's allow-list`,
      );
      return path === '/v1/beacon' ? countBeacon(response) : response;
    }
    const cors = corsHeaders(origin.origin);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    if (path === '/v1/beacon') {
      if (request.method !== 'POST')
        return problem(
          405,
          'method_not_allowed',
          'POST a beacon here',
          {},
          { ...cors, allow: 'POST, OPTIONS' },
        );
      return countBeacon(await ingest(request, info, cors));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(
        405,
        'method_not_allowed',
        `${request.method} is not served at ${path}`,
        {},
        { ...cors, allow: 'GET' },
      );
    if (path === '/metrics')
      return new Response(prometheus.render(), {
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
      });
    if (path === '/healthz') return json(200, { ok: true, events: store.eventCount() }, cors);
    const report = query(path, url.searchParams, cors);
    if (report !== undefined) return report;
    if (dashboard) {
      // Under a base path the page must be at `<base>/`: its links are relative.
      if (url.pathname === basePath && basePath !== '')
        return new Response(null, { status: 308, headers: { location: `${basePath}/` } });
      const file = dashboardFile(path.slice(1));
      if (file !== undefined) return file;
    }
    return problem(404, 'not_found', `nothing at ${path}`, {}, cors);
  };
  return Object.assign(handler, { close: () => store.close(), store });
}
