/**
 * The beacon reporter: queues events, batches them by count and time, and
 * sends them so they survive the page going away. It never throws into the
 * app: a failure is counted and, where it may pass, retried with the next batch.
 */
import { warnBudgetBreachOnce } from './budget-warning.ts';
import {
  BEACON_VERSION,
  type BeaconBatch,
  type BeaconEvent,
  type BeaconTags,
  MAX_BEACON_BYTES,
  MAX_EVENTS_PER_BEACON,
} from './schema.ts';

/** Why a batch is being sent. `hidden` uses `sendBeacon`: the page may be gone a moment later. */
export type FlushReason = 'interval' | 'size' | 'hidden' | 'manual';

/** Sends one body; resolves (or returns) whether it was accepted. */
export type BeaconSend = (url: string, body: string, reason: FlushReason) => boolean | Promise<boolean>;

/** Options of {@link createBeaconReporter}. */
export interface BeaconReporterOptions {
  /** Where to POST batches, e.g. `https://collector.example.com/v1/beacon`. */
  url: string;
  /** Tags on every event (events' own tags win). */
  tags?: BeaconTags;
  /**
   * Fraction of page sessions that report, 0..1 (default 1). Decided once per
   * session, so a sampled session is whole: its answers and its vitals together.
   */
  sampleRate?: number;
  /** Events per batch before it is sent at once. Default 20. */
  maxBatchEvents?: number;
  /** A partial batch is sent after this long. Default 5,000 ms. */
  flushIntervalMs?: number;
  /** Events held at most; past it the oldest are dropped and counted. Default 200. */
  maxQueue?: number;
  /** Random per page session by default. */
  sessionId?: string;
  /** The transport; default `navigator.sendBeacon` on hide, `fetch` with `keepalive` otherwise. */
  send?: BeaconSend;
  /** For tests. */
  random?: () => number;
  now?: () => number;
}

/** A reporter. Every method is safe to call in any environment (SSR, workers, old browsers). */
export interface BeaconReporter {
  readonly sessionId: string;
  /** Whether this session reports at all (see `sampleRate`). */
  readonly sampled: boolean;
  /**
   * Queues an event; sends a batch when it is full. The first answer over budget
   * on a page also warns once in the console, in development builds only.
   */
  report(event: BeaconEvent): void;
  /** Sends what is queued now. */
  flush(reason?: FlushReason): void;
  /** Events dropped: the queue was full, an event alone was over 64 KiB, or the collector refused it (4xx). */
  readonly dropped: number;
  /** Flushes and stops listening to the page. */
  close(): void;
}

const encoder = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;
const byteLength = (text: string): number => (encoder ? encoder.encode(text).length : text.length * 3);

function randomId(random: () => number): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.floor(random() * 2 ** 52).toString(36)}`;
}

/**
 * The default transport. `text/plain` is a CORS-safelisted type, so neither
 * `sendBeacon` nor this `fetch` needs a preflight (the collector accepts it).
 * `keepalive` lets a request started just before the page goes away finish.
 */
export const defaultBeaconSend: BeaconSend = (url, body, reason) => {
  const nav = globalThis.navigator as Navigator | undefined;
  if (reason === 'hidden' && typeof nav?.sendBeacon === 'function') {
    try {
      if (nav.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return true;
    } catch {
      // fall through to fetch
    }
  }
  if (typeof globalThis.fetch !== 'function') return false;
  return globalThis
    .fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      keepalive: true,
      credentials: 'omit',
      mode: 'cors',
    })
    .then(
      (response) => {
        // A refused batch (4xx but 429) would be refused again: not worth a retry.
        if (response.ok) return true;
        if (response.status === 429 || response.status >= 500) return false;
        throw new RangeError(`collector refused the batch: ${response.status}`);
      },
      () => false,
    );
};

/** `device_type` and `network_type` where the browser says, for every event. */
function environmentTags(): BeaconTags {
  const tags: BeaconTags = {};
  const nav = globalThis.navigator as
    | (Navigator & {
        userAgentData?: { mobile?: boolean };
        connection?: { effectiveType?: string };
      })
    | undefined;
  if (nav?.userAgentData?.mobile !== undefined)
    tags.device_type = nav.userAgentData.mobile ? 'mobile' : 'desktop';
  else if (typeof globalThis.matchMedia === 'function')
    tags.device_type = globalThis.matchMedia('(pointer: coarse)').matches ? 'mobile' : 'desktop';
  const effective = nav?.connection?.effectiveType;
  if (typeof effective === 'string' && effective !== '') tags.network_type = effective;
  return tags;
}

/**
 * Splits serialized events into bodies of at most 64 KiB and
 * `maxEvents` events, never cutting an event: an event alone over the limit is
 * returned in `tooLarge` instead.
 */
export function splitIntoBodies(
  envelope: Omit<BeaconBatch, 'events'>,
  events: readonly BeaconEvent[],
  maxEvents: number,
): { bodies: Array<{ body: string; events: BeaconEvent[] }>; tooLarge: BeaconEvent[] } {
  const head = `{"v":${envelope.v},"session_id":${JSON.stringify(envelope.session_id)},"sent_at":${envelope.sent_at},"events":[`;
  const headBytes = byteLength(head) + 2; // "]}"
  const bodies: Array<{ body: string; events: BeaconEvent[] }> = [];
  const tooLarge: BeaconEvent[] = [];
  let parts: string[] = [];
  let batch: BeaconEvent[] = [];
  let bytes = headBytes;
  const close = (): void => {
    if (parts.length === 0) return;
    bodies.push({ body: `${head}${parts.join(',')}]}`, events: batch });
    parts = [];
    batch = [];
    bytes = headBytes;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const size = byteLength(json);
    if (headBytes + size > MAX_BEACON_BYTES) {
      tooLarge.push(event);
      continue;
    }
    const comma = parts.length > 0 ? 1 : 0;
    if (bytes + comma + size > MAX_BEACON_BYTES || parts.length >= maxEvents) close();
    bytes += (parts.length > 0 ? 1 : 0) + size;
    parts.push(json);
    batch.push(event);
  }
  close();
  return { bodies, tooLarge };
}

/**
 * Creates a reporter. Batches go out when `maxBatchEvents` are queued, after
 * `flushIntervalMs`, and when the page is hidden or unloaded (`visibilitychange`
 * to hidden, `pagehide`: the last moments a page reliably gets), by
 * `sendBeacon` then.
 *
 * @example
 * const reporter = createBeaconReporter({ url: '/collector/v1/beacon', tags: { feature: 'chat' } });
 * run.done.then((final) => reporter.report(toAnswerEvent(final)));
 */
export function createBeaconReporter(options: BeaconReporterOptions): BeaconReporter {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const send = options.send ?? defaultBeaconSend;
  const maxBatch = Math.min(MAX_EVENTS_PER_BEACON, Math.max(1, options.maxBatchEvents ?? 20));
  const flushIntervalMs = options.flushIntervalMs ?? 5_000;
  const maxQueue = Math.max(1, options.maxQueue ?? 200);
  const sampled = random() < (options.sampleRate ?? 1);
  const sessionId = options.sessionId ?? randomId(random);
  let queue: BeaconEvent[] = [];
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const enqueue = (events: readonly BeaconEvent[], front: boolean): void => {
    queue = front ? [...events, ...queue] : [...queue, ...events];
    if (queue.length > maxQueue) {
      dropped += queue.length - maxQueue;
      queue = queue.slice(queue.length - maxQueue);
    }
  };

  const flush = (reason: FlushReason = 'manual'): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    try {
      const { bodies, tooLarge } = splitIntoBodies(
        { v: BEACON_VERSION, session_id: sessionId, sent_at: now() },
        events,
        maxBatch,
      );
      dropped += tooLarge.length;
      for (const { body, events: sent } of bodies) {
        const accepted = (value: boolean): void => {
          // Not sent (offline, 429, 5xx): back in the queue for the next batch, bounded.
          if (value) return;
          enqueue(sent, true);
          schedule();
        };
        Promise.resolve(send(options.url, body, reason)).then(accepted, () => {
          dropped += sent.length;
        });
      }
    } catch {
      dropped += events.length;
    }
  };

  const schedule = (): void => {
    if (timer === undefined && !closed) timer = setTimeout(() => flush('interval'), flushIntervalMs);
  };

  const onHidden = (): void => {
    if (globalThis.document?.visibilityState === 'hidden') flush('hidden');
  };
  const onPageHide = (): void => flush('hidden');
  globalThis.document?.addEventListener?.('visibilitychange', onHidden);
  globalThis.addEventListener?.('pagehide', onPageHide);

  return {
    sessionId,
    sampled,
    get dropped() {
      return dropped;
    },
    report(event) {
      // The developer hears of a breach whether or not this session is sampled.
      if (event.type === 'answer' && event.breaches !== undefined) warnBudgetBreachOnce(event.breaches);
      if (!sampled || closed) return;
      try {
        const tags = { ...environmentTags(), ...options.tags, ...event.tags };
        enqueue([{ ...event, tags }], false);
        if (queue.length >= maxBatch) flush('size');
        else schedule();
      } catch {
        dropped++;
      }
    },
    flush,
    close() {
      if (closed) return;
      flush('hidden');
      closed = true;
      globalThis.document?.removeEventListener?.('visibilitychange', onHidden);
      globalThis.removeEventListener?.('pagehide', onPageHide);
    },
  };
}
