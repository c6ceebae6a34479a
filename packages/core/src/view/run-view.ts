/**
 * The frame-paced view of a stream run: an external store for
 * `useSyncExternalStore` that turns one notification per network chunk into at
 * most one notification per animation frame, and optionally paces the text.
 *
 * Rules:
 * - Status changes and the first token commit synchronously. The "first token"
 *   is the first text that shows something (`visible-text.ts`): an answer that opens
 *   with `#` or a blank line does not spend the urgent commit, or the frame held
 *   for it, on a heading with nothing in it yet. The first token is
 *   the moment perceived latency is judged on: notifying React at once lets it
 *   render in the idle time before the next frame, so the text is ready for that
 *   frame's paint; deferring to the frame callback would move the heaviest commit
 *   of the run (the skeleton replaced by text) into the frame's own budget, where
 *   it competes with layout and paint and can slip a frame (≈16 ms).
 * - Every other change marks the view dirty and asks the shared frame loop for a
 *   commit; 5,000 chunks within one frame are one commit.
 * - The frame that paints the first token paints it alone (pages in view only: a hidden page paints nothing). Reads that arrive after
 *   the first-token commit (and its catch-up) wait for the frame after: committing
 *   them in the next frame callback would run React's render inside the very frame
 *   that should present the first token, stretching it to 50–60 ms with a long
 *   history, where painting the first token alone takes one frame.
 * - A renderer that renders after a microtask (React) may ask, through
 *   `onUrgentCommit`, for a catch-up: a run delivers one network read part by
 *   part, notifying after each, so the first token is committed before the rest
 *   of its read is applied; a catch-up queued before the listeners are notified
 *   commits the rest of the read before that render (see the React binding's
 *   `hooks/run-views.ts`). A renderer that draws synchronously passes nothing.
 * - With `pacing`, the text shown is a prefix of the received text chosen by the
 *   pacer (see `pacer.ts`); it reveals everything at once when the page is
 *   hidden, the user prefers reduced motion, or the run ended in `error` or
 *   `aborted` (what was received is shown, nothing is held back). While a paced run
 *   drains after `done`, the view still says `streaming`, so the caret and Stop
 *   button stay until the last character shows.
 */
import { isTerminal } from '../run/status.ts';
import type { StreamRun, StreamSnapshot } from '../run/types.ts';
import { createSubscribable } from '../subscribable.ts';
import { getFrameLoop } from './frame-loop.ts';
import type { FrameScheduler } from './frame-scheduler.ts';
import { createPacer, type PacingOptions } from './pacer.ts';
import { createVisibleTextTracker } from './visible-text.ts';

/**
 * An external store over a run. `getSnapshot` returns what to display: the run's
 * snapshot itself, or a copy whose text is the paced prefix; the same object
 * until the next commit.
 */
export interface RunView {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamSnapshot;
  /**
   * Shows everything received now, ending a paced reveal (Stop pressed while a
   * finished answer is still being revealed: the run has nothing left to abort).
   */
  showAll?(): void;
}

/** Options of {@link createRunView}. */
export interface RunViewOptions {
  readonly scheduler: FrameScheduler;
  /** Smooth bursty text (see `PacingOptions`); `false`/absent shows text as it arrives (frame-coalesced). */
  readonly pacing?: PacingOptions | boolean | undefined;
  /**
   * Called just before an urgent commit (a status change, the first token) notifies
   * the listeners, with a function that commits whatever arrived since, if anything.
   * A renderer that renders in a later microtask queues it there, so its render
   * shows the whole network read rather than its first part only.
   */
  readonly onUrgentCommit?: ((catchUp: () => void) => void) | undefined;
  /**
   * What commits at once. `'all'` (default): status changes and the first
   * token. `'end'`: only the run's end (`done`, `error`, `aborted`: a Stop press
   * shows at once); the start and the first token wait for a frame (and for a
   * frame held by another view's first token). For a copy of the answer that
   * another view already shows at once: a conversation's message list, whose
   * re-render should not share the first token's commit.
   */
  readonly immediate?: 'all' | 'end' | undefined;
}

const HIGH_SURROGATE_MIN = 0xd800;
const HIGH_SURROGATE_MAX = 0xdbff;

/** Never cut between the two halves of a surrogate pair (an emoji would flash as a broken glyph). */
function snapToCodePoint(text: string, count: number): number {
  if (count <= 0 || count >= text.length) return count;
  const code = text.charCodeAt(count - 1);
  return code >= HIGH_SURROGATE_MIN && code <= HIGH_SURROGATE_MAX ? count + 1 : count;
}

function sameDisplay(
  a: StreamSnapshot,
  b: StreamSnapshot,
  text: string,
  status: StreamSnapshot['status'],
): boolean {
  return (
    a.text === text &&
    a.status === status &&
    a.reasoning === b.reasoning &&
    a.toolCalls === b.toolCalls &&
    a.error === b.error &&
    a.retry === b.retry &&
    a.protocol === b.protocol &&
    a.generation === b.generation &&
    a.responseId === b.responseId &&
    a.model === b.model
  );
}

/** Creates a view of `run`. It subscribes to the run only while it has listeners. */
export function createRunView(run: StreamRun, options: RunViewOptions): RunView {
  const { scheduler } = options;
  const loop = getFrameLoop(scheduler);
  const pacer = options.pacing ? createPacer(options.pacing) : undefined;
  let unsubscribe: (() => void) | undefined;

  let seen = run.getSnapshot();
  pacer?.arrive(seen.text.length, scheduler.now(), seen.generation);
  let committed = seen;
  /** The run's status when last looked at: a change is committed at once. */
  let seenStatus = seen.status;

  /** Something arrived that is not committed yet (a frame task is pending for it). */
  let dirty = false;
  // One tracker per text that grows: the committed text and the received text (ahead of it when paced).
  const shownVisible = createVisibleTextTracker();
  const receivedVisible = createVisibleTextTracker();
  /** Whether the committed text shows something: O(1) once it does. */
  const textShown = (): boolean => shownVisible.indexIn(committed.text, committed.generation) !== -1;

  const scheduleCommit = (): void => loop.schedule(task);

  const commit = (): void => {
    dirty = false;
    loop.cancel(task);
    const received = run.getSnapshot();
    seen = received;
    let text = received.text;
    let status = received.status;
    if (pacer) {
      const now = scheduler.now();
      if (status === 'done') pacer.finish(now);
      const instant =
        status === 'error' ||
        status === 'aborted' ||
        scheduler.isHidden() ||
        scheduler.prefersReducedMotion();
      const count = instant ? text.length : snapToCodePoint(text, pacer.next(now));
      pacer.revealTo(count);
      if (count < text.length) {
        text = text.slice(0, count);
        if (status === 'done') status = 'streaming';
        scheduleCommit();
      }
    }
    const previous = committed;
    let snapshot = received;
    if (text !== received.text || status !== received.status) {
      // Paced frames that reveal nothing new keep the previous object: no re-render for timing-only changes.
      snapshot = sameDisplay(previous, received, text, status) ? previous : { ...received, text, status };
    }
    if (snapshot === previous) return;
    committed = snapshot;
    listeners.notify();
  };
  const task = (): void => commit();
  const catchUp = (): void => {
    if (dirty && unsubscribe) commit();
  };

  /**
   * Without pacing, the cheap reads (`status`, `has`) decide whether this change
   * is urgent, and only an urgent one builds a snapshot now: a run builds its
   * snapshot lazily, so 5,000 parts within one frame cost one snapshot, not 5,000.
   * The pacer needs each arrival's size and time, so a paced view reads every one.
   */
  const onlyEnd = options.immediate === 'end';
  const onRunChange = (): void => {
    if (!pacer) {
      const shown = committed;
      const urgent = onlyEnd
        ? run.status !== seenStatus && isTerminal(run.status)
        : run.status !== seenStatus ||
          (!textShown() && run.has('text')) ||
          (shown.reasoning === '' && run.has('reasoning')) ||
          (shown.toolCalls.length === 0 && run.has('tool-calls'));
      if (!urgent) {
        // A status change that waits (the start, with immediate: 'end') is still seen: the next
        // `done` after a retry must differ from it to commit at once.
        seenStatus = run.status;
        dirty = true;
        scheduleCommit();
        return;
      }
    }
    const received = run.getSnapshot();
    if (received === seen) return;
    seen = received;
    pacer?.arrive(received.text.length, scheduler.now(), received.generation);
    // Text that arrives while the page is hidden is due the moment it becomes visible: no pacing.
    if (pacer && scheduler.isHidden()) pacer.revealTo(received.text.length);
    const shown = committed;
    const textWasShown = textShown();
    const receivedShowsText = receivedVisible.indexIn(received.text, received.generation) !== -1;
    const showsOutput = receivedShowsText || received.reasoning !== '' || received.toolCalls.length > 0;
    // Streaming starts with the first part; when that part shows nothing yet (a lone `#`), the status
    // change alone is not worth a commit of its own ahead of the first words.
    const statusUrgent =
      received.status !== seenStatus && (received.status !== 'streaming' || showsOutput || textWasShown);
    const urgent = onlyEnd
      ? received.status !== seenStatus && isTerminal(received.status)
      : statusUrgent ||
        (!textWasShown && receivedShowsText) ||
        (shown.reasoning === '' && received.reasoning !== '') ||
        (shown.toolCalls.length === 0 && received.toolCalls.length > 0);
    seenStatus = received.status;
    if (urgent) {
      options.onUrgentCommit?.(catchUp);
      commit();
      // The frame that presents the first token runs no commit (this view's or any other store's).
      // A view that commits only the end at once is not where the first token shows: it holds no frame.
      if (!onlyEnd && !textWasShown && textShown()) loop.holdNextFrame();
    } else {
      dirty = true;
      scheduleCommit();
    }
  };

  const listeners = createSubscribable({
    onFirst() {
      unsubscribe = run.subscribe(onRunChange);
      // Catch up with whatever happened while nobody was listening.
      onRunChange();
      // The frame task cancelled when the last listener left is still owed (text seen but not
      // committed, or a paced drain): without it the view would stay stale, showing `streaming`
      // forever if the run already ended (StrictMode's remount, a tree hidden by <Activity>).
      if (dirty || committed.text.length < seen.text.length) scheduleCommit();
    },
    onLast() {
      unsubscribe?.();
      unsubscribe = undefined;
      loop.cancel(task);
    },
  });

  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => committed,
    showAll() {
      if (!pacer) return;
      pacer.revealTo(run.getSnapshot().text.length);
      commit();
    },
  };
}

const shared = new WeakMap<StreamRun, WeakMap<FrameScheduler, RunView>>();

/**
 * The unpaced view of `run` shared by every reader on one scheduler, so that
 * many selectors over one run cost one subscription and commit together.
 * `onUrgentCommit` is the first caller's: every reader of one renderer passes the same.
 */
export function getSharedRunView(
  run: StreamRun,
  scheduler: FrameScheduler,
  onUrgentCommit?: RunViewOptions['onUrgentCommit'],
): RunView {
  let byScheduler = shared.get(run);
  if (!byScheduler) {
    byScheduler = new WeakMap();
    shared.set(run, byScheduler);
  }
  let view = byScheduler.get(scheduler);
  if (!view) {
    view = createRunView(run, { scheduler, onUrgentCommit });
    byScheduler.set(scheduler, view);
  }
  return view;
}
