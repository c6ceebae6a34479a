/**
 * One finished run as a beacon {@link AnswerEvent}: the derived figures, the
 * run's outcome and what it said about itself (protocol, model), under the
 * app's tags.
 */
import type {
  AnswerEvent,
  BeaconLongFrameScript,
  BeaconStage,
  BeaconTags,
  PaintMethod,
} from '../beacon/schema.ts';
import { MAX_STRING_LENGTH } from '../beacon/schema.ts';
import type { StreamSnapshot } from '../run/types.ts';
import { type AnswerMoments, type DeriveOptions, deriveAnswerMetrics } from './answer-metrics.ts';
import { checkBudgets, DEFAULT_BUDGETS, type LatencyBudgets } from './budgets.ts';
import { resourceTimingStages, serverTimingStages } from './network-stages.ts';
import type { CadenceSummary } from './render-cadence.ts';
import { toolWaits } from './tool-waits.ts';

/** Options of {@link toAnswerEvent}. */
export interface AnswerEventOptions extends DeriveOptions {
  /** Unique per answer (a collector stores an answer once per id). Default: a random UUID. */
  requestId?: string;
  /** The user's action and the first paint, on the run's clock. */
  moments?: AnswerMoments;
  /** How `moments.firstPaint` was timed; required for paint figures to be reported. */
  paintMethod?: PaintMethod;
  /** The app's tags; `protocol` and `model` are added from the run where the app gave none. */
  tags?: BeaconTags;
  /** Epoch ms at the run clock's zero: `performance.timeOrigin` (the default) for `performance.now()`. */
  timeOrigin?: number;
  /** Budgets to check (merged over {@link DEFAULT_BUDGETS}), or `false` for none. */
  budgets?: LatencyBudgets | false;
  /** How smoothly the page rendered while the answer streamed (see `startCadenceMeter`). */
  cadence?: CadenceSummary;
  /** The longest scripts of its long animation frames (`CadenceMeter.longFrameScripts`). */
  longFrameScripts?: readonly BeaconLongFrameScript[];
}

function randomId(): string {
  const crypto = globalThis.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function outcomeOf(snapshot: StreamSnapshot): AnswerEvent['outcome'] {
  // A generation the server stopped is not a finished answer.
  if (snapshot.status === 'done') return snapshot.finishReason === 'aborted' ? 'aborted' : 'done';
  if (snapshot.status === 'error') return 'error';
  return 'aborted';
}

/** A finished run's answer event. Paint figures are left out unless the paint method is known. */
export function toAnswerEvent(snapshot: StreamSnapshot, options: AnswerEventOptions = {}): AnswerEvent {
  const moments =
    options.paintMethod === undefined
      ? { ...options.moments, firstPaint: undefined }
      : (options.moments ?? {});
  const {
    metrics: derived,
    tokenSource,
    flags,
  } = deriveAnswerMetrics(
    snapshot,
    {
      ...(moments.actionAt !== undefined && { actionAt: moments.actionAt }),
      ...(moments.firstPaint !== undefined && { firstPaint: moments.firstPaint }),
    },
    options,
  );
  const metrics = { ...derived, ...options.cadence };
  const timeOrigin =
    options.timeOrigin ??
    globalThis.performance?.timeOrigin ??
    Date.now() - (globalThis.performance?.now() ?? 0);
  const tags: BeaconTags = { protocol: snapshot.protocol };
  if (snapshot.model !== undefined) tags.model = snapshot.model.slice(0, MAX_STRING_LENGTH);
  Object.assign(tags, options.tags);
  const event: AnswerEvent = {
    type: 'answer',
    request_id: options.requestId ?? randomId(),
    at: Math.round(
      timeOrigin + (moments.actionAt ?? snapshot.timing.actionAt ?? snapshot.timing.requestStart),
    ),
    outcome: outcomeOf(snapshot),
    tags,
    metrics,
    token_source: tokenSource,
  };
  // The class name only: a message may quote the user's data.
  if (snapshot.error !== undefined) event.error = snapshot.error.name.slice(0, MAX_STRING_LENGTH);
  if (options.paintMethod !== undefined && moments.firstPaint !== undefined)
    event.paint_method = options.paintMethod;
  if (flags.length > 0) event.flags = flags;
  const stages = [
    ...resourceTimingStages(snapshot),
    ...serverTimingStages(snapshot),
    ...clientStages(snapshot, moments.firstPaint),
  ];
  if (stages.length > 0) event.stages = stages;
  if (options.longFrameScripts !== undefined && options.longFrameScripts.length > 0)
    event.long_frame_scripts = options.longFrameScripts.map((script) => ({ ...script }));
  if (options.budgets !== false) {
    const breaches = checkBudgets(metrics, stages, { ...DEFAULT_BUDGETS, ...options.budgets });
    if (breaches.length > 0) event.breaches = breaches;
  }
  return event;
}

/**
 * The waterfall as the run itself saw it, each stage from the request start:
 * `ttfb` (request → first byte: network and server together, until Resource
 * Timing splits it), `first-token` (first byte → first token: the model's
 * wait after the response began), `paint` (first token → first paint), and a
 * `tools` stage per tool wait (complete arguments → result, parallel waits merged).
 */
function clientStages(snapshot: StreamSnapshot, firstPaint: number | undefined): BeaconStage[] {
  const { requestStart, firstByte, firstToken } = snapshot.timing;
  const stages: BeaconStage[] = [];
  const stage = (name: string, from: number, to: number): void => {
    if (to >= from)
      stages.push({ name, source: 'client', start_ms: ms(from - requestStart), dur_ms: ms(to - from) });
  };
  if (firstByte !== undefined) stage('ttfb', requestStart, firstByte);
  if (firstByte !== undefined && firstToken !== undefined) stage('first-token', firstByte, firstToken);
  if (firstToken !== undefined && firstPaint !== undefined) stage('paint', firstToken, firstPaint);
  for (const [from, to] of toolWaits(snapshot.timing)) stage('tools', from, to);
  return stages;
}

const ms = (value: number): number => Math.round(value * 10) / 10;
