/**
 * Every how many frames the shared frame loop commits. One commit per frame is
 * the goal while committing is cheap; when a commit's work (the listeners, and
 * the renderer's work they trigger) fills most of a frame, committing every
 * frame leaves the main thread no room for input, and typing in the composer
 * while an answer streams stutters. So the loop measures each commit's work and
 * commits every other frame, or every third or fourth, while that work is more
 * than half a frame, and comes back to every frame once it is light again.
 * Urgent commits (a status change, the first token) do not go through the loop
 * and are never delayed.
 */

/** Work (ms) a commit may take and still leave half of a 60 Hz frame for input and paint. */
export const COMMIT_ROOM_MS = 8;
/** The most frames skipped: text still moves 15 times a second. */
export const MAX_STRIDE = 4;

/** The loop's measure of commit work. */
export interface CommitPressure {
  /** Called at each frame that has work: whether this one commits (the others wait for a later frame). */
  shouldCommit(): boolean;
  /** The work (ms) of the commit just made; may be called again with a longer figure (after microtasks). */
  measured(ms: number): void;
  /** Frames per commit right now: 1 while commits are light. */
  readonly stride: number;
}

/** A pressure gauge for one frame loop. */
export function createCommitPressure(): CommitPressure {
  let sample: number | undefined;
  let average: number | undefined;
  let stride = 1;
  let waited = 0;

  const retarget = (work: number): void => {
    const wanted = work <= COMMIT_ROOM_MS ? 1 : Math.min(MAX_STRIDE, Math.ceil(work / COMMIT_ROOM_MS));
    // Up at once; down only well below the step, so a commit near the line does not flip the rate each frame.
    if (wanted > stride) stride = wanted;
    else if (wanted < stride && work < COMMIT_ROOM_MS * (stride - 1) * 0.75) stride = wanted;
  };

  return {
    shouldCommit() {
      if (sample !== undefined) {
        average = average === undefined ? sample : average * 0.7 + sample * 0.3;
        sample = undefined;
        retarget(average);
      }
      if (waited + 1 >= stride) {
        waited = 0;
        return true;
      }
      waited++;
      return false;
    },
    measured(ms) {
      sample = Math.max(sample ?? 0, ms);
    },
    get stride() {
      return stride;
    },
  };
}
