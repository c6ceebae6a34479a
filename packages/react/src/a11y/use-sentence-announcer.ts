'use client';
import { completedSentenceEnd } from '@tokenpaint/core/view';
/**
 * Feeds a visually hidden `aria-live="polite"` element with the text of completed
 * sentences, at most once per `minIntervalMs` (sentences completed in between are
 * joined), and the rest when the stream ends.
 *
 * It writes the element's `textContent` directly instead of through React state:
 * announcements are not part of the visual tree, and routing them through state
 * would add a React commit per sentence on top of the one-per-frame budget.
 */
import { type RefObject, useEffect, useState } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';

/** Announcements are at least this far apart by default (a sentence takes longer to speak). */
export const DEFAULT_ANNOUNCE_INTERVAL_MS = 1000;

/**
 * Announces `text` sentence by sentence into the element behind `region`.
 * `final`: no more text will come. `response` (`[source, generation]`) names the
 * response the text belongs to; a change starts over.
 */
export function useSentenceAnnouncer(
  region: RefObject<HTMLElement | null>,
  text: string,
  final: boolean,
  minIntervalMs = DEFAULT_ANNOUNCE_INTERVAL_MS,
  response?: readonly [source: unknown, generation: number],
): void {
  const scheduler = useFrameScheduler();
  // What is already there when this mounts was news before it (a past turn, a row
  // of a virtualized list mounted again): a finished answer starts as said, a
  // running one with its completed sentences said, so only what follows is announced.
  // Lazy (useState's initializer runs once): the sentence scan reads the whole text.
  const [s] = useState(() => ({
    text,
    final,
    upTo: final ? text.length : completedSentenceEnd(text, 0),
    lastAt: -Infinity,
    timer: undefined as unknown,
    source: response?.[0],
    generation: response?.[1],
  }));
  const identified = response !== undefined;
  const source = response?.[0];
  const generation = response?.[1];

  useEffect(() => {
    const newResponse = !identified
      ? // No identity given: text that shrank or changed its start is another response.
        text.length < s.upTo || !text.startsWith(s.text.slice(0, s.upTo))
      : source !== s.source || generation !== s.generation;
    s.source = source;
    s.generation = generation;
    if (newResponse) {
      // A new response (a retry or the next turn): start over.
      s.upTo = 0;
      if (region.current) region.current.textContent = '';
    }
    s.text = text;
    s.final = final;
    const flush = (): void => {
      s.timer = undefined;
      const end = s.final ? s.text.length : completedSentenceEnd(s.text, s.upTo);
      if (end <= s.upTo) return;
      const now = scheduler.now();
      const wait = s.lastAt + minIntervalMs - now;
      if (wait > 0 && !s.final) {
        s.timer ??= scheduler.setTimeout(flush, wait);
        return;
      }
      const sentence = s.text.slice(s.upTo, end).trim();
      s.upTo = end;
      if (!sentence || !region.current) return;
      s.lastAt = now;
      region.current.textContent = sentence;
    };
    if (final && s.timer !== undefined) {
      // The stream ended: what is held for the interval is said now, with the rest.
      scheduler.clearTimeout(s.timer);
      s.timer = undefined;
    }
    if (s.timer === undefined) flush();
  }, [text, final, minIntervalMs, region, scheduler, s, identified, source, generation]);

  useEffect(
    () => () => {
      if (s.timer !== undefined) scheduler.clearTimeout(s.timer);
      s.timer = undefined;
    },
    [scheduler, s],
  );
}
