import { formatSseEvent, malformedSseEvent, type WireEvent } from '../formats/wire-event.ts';
import type { TimingProfile } from './presets.ts';
import { mulberry32 } from './prng.ts';

/** What the planner needs to lay a response out in time. */
export interface DeliveryPlanInput {
  /** The full event list of the response (ids are indices into it). */
  events: readonly WireEvent[];
  /** Frame as SSE (with ids, retry, malformed events) or write the payloads raw. */
  sse: boolean;
  profile: TimingProfile;
  /** Seed of the jitter PRNG: one seed, one timing. */
  seed: number;
  /** Send `id:` on every event and a `retry:` hint first. */
  resumable: boolean;
  /** Index of the last event the client already has (`Last-Event-ID`), or -1 to start fresh. */
  resumeAfter: number;
  /** The `retry:` reconnection hint in ms. */
  retryMs: number;
}

/** One write to the response body. */
export interface PlannedWrite {
  /** Milliseconds after the request reached the handler. */
  at: number;
  /** The bytes (as text) written at once. */
  text: string;
  /** Model tokens carried by this write. */
  tokens: number;
  /** `id` of the last event in this write, on resumable streams. */
  lastEventId: string | undefined;
}

/** The whole life of one response body. */
export interface DeliveryPlan {
  writes: PlannedWrite[];
  /** When the body ends, and whether it ends by a dropped connection (`dropAt` = first undelivered token). */
  end: { at: number; dropAt: number | null };
  /** Number of token events in the full response. */
  totalTokens: number;
}

/**
 * Lays out the events of a response in time. A pure function of its input, so
 * the timing of any preset and seed can be inspected (and tested) without
 * waiting for it.
 *
 * Token `i` arrives at `ttft + Σ interval` (interval = 1000/tps ± jitter),
 * shifted by `stallMs` from `stallAt` on; with `burst = n` tokens are held and
 * written `n` at a time when the last of them arrives; `buffer` holds
 * everything until the end. Events that are not tokens before the first token
 * (message_start, role chunk) are written at once, as servers do when they
 * accept the request. A resumed request (`resumeAfter`) gets `ttft` again and
 * skips a fault placed exactly at its first token (it met that one already).
 */
export function planDelivery(input: DeliveryPlanInput): DeliveryPlan {
  const { events, profile } = input;
  const tokenIndexOf: number[] = [];
  const eventOfToken: number[] = [];
  for (const [index, event] of events.entries()) {
    tokenIndexOf.push(event.token ? eventOfToken.length : -1);
    if (event.token) eventOfToken.push(index);
  }
  const total = eventOfToken.length;

  // Draw one interval per token of the whole script, so a resumed request sees
  // the same jitter for the same token as the original one.
  const random = mulberry32(input.seed);
  const meanInterval = Number.isFinite(profile.tps) ? 1000 / profile.tps : 0;
  const intervals = eventOfToken.map(() =>
    Math.max(0, meanInterval * (1 + profile.jitter * (2 * random() - 1))),
  );

  const firstEvent = input.resumeAfter + 1;
  let first = total;
  for (let index = firstEvent; index < events.length; index++) {
    const tokenIndex = tokenIndexOf[index]!;
    if (tokenIndex >= 0) {
      first = tokenIndex;
      break;
    }
  }

  // A fault (stall, drop, malformed event) sits before a token. A reconnect
  // that resumes exactly at that token has already met it on the connection it
  // replaces: meeting it again would trap a resuming client in a loop.
  const resuming = input.resumeAfter >= 0;
  const ahead = (at: number | null): at is number =>
    at !== null && (at > first || (at === first && !resuming));
  const stallAt = ahead(profile.stallAt) ? profile.stallAt : null;
  const malformedAt = ahead(profile.malformedAt) ? profile.malformedAt : null;

  const arrival: number[] = [];
  let time = profile.ttft;
  for (let index = first; index < total; index++) {
    if (index > first) time += intervals[index]!;
    if (index === stallAt) time += profile.stallMs;
    arrival[index] = time;
  }
  const lastArrival = total > first ? arrival[total - 1]! : profile.ttft;

  // dropAt ≥ token count cuts just before the terminal events (clamped first, so
  // a reconnect after the last token is "at" that fault and gets the ending).
  const dropAt = profile.dropAt === null ? null : Math.min(profile.dropAt, total);
  const cut = ahead(dropAt) ? dropAt : null;
  // The cut falls before token `cut`'s event, or after the last token's event.
  const cutEvent =
    cut === null ? events.length : cut < total ? eventOfToken[cut]! : (eventOfToken[total - 1] ?? -1) + 1;
  const cutTime =
    cut === null ? lastArrival : cut < total ? arrival[cut]! : lastArrival + (meanInterval || 1);
  const endTime = Math.max(cut === null ? lastArrival : cutTime, 0);

  const burst = Math.max(1, Math.floor(profile.burst));
  const lastDelivered = (cut === null ? total : cut) - 1;
  const deliveryTime = (tokenIndex: number): number => {
    if (profile.buffer) return endTime;
    const groupEnd = first + (Math.floor((tokenIndex - first) / burst) + 1) * burst - 1;
    return arrival[Math.min(groupEnd, lastDelivered)]!;
  };

  const writes: PlannedWrite[] = [];
  let slot = Number.NaN;
  let current: PlannedWrite | undefined;
  // A buffering proxy releases everything as one write, preamble included.
  const preambleSlot = profile.buffer ? 0 : -1;
  const preambleTime = profile.buffer ? endTime : 0;
  const slotOf = (tokenIndex: number): number =>
    profile.buffer ? 0 : Math.floor((tokenIndex - first) / burst);
  if (input.sse && input.resumable) {
    current = { at: preambleTime, text: `retry: ${input.retryMs}\n\n`, tokens: 0, lastEventId: undefined };
    writes.push(current);
    slot = preambleSlot;
  }
  for (let index = firstEvent; index < cutEvent; index++) {
    const event = events[index]!;
    const tokenIndex = tokenIndexOf[index]!;
    if (tokenIndex >= 0) {
      const tokenSlot = slotOf(tokenIndex);
      if (current === undefined || tokenSlot !== slot) {
        slot = tokenSlot;
        current = { at: deliveryTime(tokenIndex), text: '', tokens: 0, lastEventId: undefined };
        writes.push(current);
      }
      current.tokens++;
      if (input.sse && tokenIndex === malformedAt) current.text += malformedSseEvent(event);
    } else if (current === undefined) {
      slot = preambleSlot;
      current = { at: preambleTime, text: '', tokens: 0, lastEventId: undefined };
      writes.push(current);
    }
    const id = input.sse && input.resumable ? String(index) : undefined;
    current.text += input.sse ? formatSseEvent(event, id) : event.data;
    current.lastEventId = id;
  }
  return { writes, end: { at: endTime, dropAt: cut }, totalTokens: total };
}
