import { MockConnectionDropError } from '../errors.ts';
import type { MockClock } from '../profiles/clock.ts';
import type { DeliveryPlan } from '../profiles/delivery-plan.ts';

/**
 * Plays a {@link DeliveryPlan} as a byte stream: each planned write is one
 * `enqueue`, made when the clock reaches its time (measured from `startedAt`).
 *
 * Pull-based, so a slow reader gets backpressure instead of an unbounded queue,
 * and a late pull writes at once rather than shifting the rest of the schedule.
 * Aborting the request's signal or cancelling the body stops the pending
 * sleep and its timer; an abort errors the body with the abort reason, as
 * `fetch` does.
 */
export function createDeliveryStream(
  plan: DeliveryPlan,
  clock: MockClock,
  request: Request,
  startedAt: number,
): ReadableStream<Uint8Array> {
  // The stream holds the Request itself, not only its signal: Node's fetch forwards
  // an outer abort (a client's, or a closed socket's) to `request.signal` only while
  // the Request is alive. Were it collected mid-stream, an abort would be lost and
  // the pending sleep would keep its timer (and the connection) going.
  const { signal } = request;
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const stopSignal = AbortSignal.any([signal, stop.signal]);
  let next = 0;
  let onAbort: (() => void) | undefined;

  const waitUntil = async (at: number): Promise<void> => {
    const delay = startedAt + at - clock.now();
    if (delay > 0) await clock.sleep(delay, stopSignal);
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => {
          try {
            controller.error(signal.reason ?? new DOMException('The request was aborted', 'AbortError'));
          } catch {
            // Already closed or errored: nothing left to stop.
          }
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        const write = plan.writes[next];
        if (write !== undefined) {
          await waitUntil(write.at);
          if (stopSignal.aborted) return;
          next++;
          controller.enqueue(encoder.encode(write.text));
          return;
        }
        if (plan.end.dropAt !== null) {
          // The abort listener stays until the drop: an abort while waiting for it
          // must still error the body (it did not, and the body hung).
          await waitUntil(plan.end.at);
          if (stopSignal.aborted) return;
        }
        if (onAbort) signal.removeEventListener('abort', onAbort);
        if (plan.end.dropAt === null) {
          controller.close();
          return;
        }
        const lastId = plan.writes.findLast((planned) => planned.lastEventId !== undefined)?.lastEventId;
        controller.error(new MockConnectionDropError(plan.end.dropAt, lastId));
      },
      cancel() {
        stop.abort();
        if (onAbort) request.signal.removeEventListener('abort', onAbort);
      },
    },
    { highWaterMark: 0 },
  );
}
