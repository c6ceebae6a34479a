/**
 * Where an answer first shows something a reader can see. The first token is
 * judged by when it appears, and an answer's first characters are often ones
 * that appear as nothing: whitespace, or the Markdown that opens a block (`#`
 * of a heading, `>` of a quote, `-` `*` `+` of a list, a code fence's backticks,
 * a table's `|`). Committing those urgently would spend the frame that paints
 * the first token on an empty heading, and push the words one frame later.
 *
 * Plain-text renderers do show `#`: for an answer that starts with one, treating
 * it as not yet visible costs at most the time until the next character.
 */

/** Whitespace and the characters that open a Markdown block without showing anything on their own. */
const VISIBLE = /[^\s#>*+\-=_`~|]/gu;

/** The index of the first visible character of `text` at or after `from`, or -1. */
export function firstVisibleIndex(text: string, from = 0): number {
  VISIBLE.lastIndex = from;
  const match = VISIBLE.exec(text);
  return match === null ? -1 : match.index;
}

/** Whether `text` holds a character a reader sees (see the module comment for what does not count). */
export function hasVisibleText(text: string): boolean {
  return firstVisibleIndex(text) !== -1;
}

/**
 * Remembers, for the text of one generation as it grows, where its first
 * visible character is, scanning each character once: an answer that streams
 * kilobytes of whitespace does not cost a rescan per part.
 */
export interface VisibleTextTracker {
  /** The index of the first visible character of `text` (the generation's text so far), or -1. */
  indexIn(text: string, generation: number): number;
}

export function createVisibleTextTracker(): VisibleTextTracker {
  let generation = Number.NaN;
  let scanned = 0;
  let index = -1;
  return {
    indexIn(text, textGeneration) {
      // A new generation, or text that shrank (a retry reuses nothing): scan from the start.
      if (textGeneration !== generation || text.length < scanned) {
        generation = textGeneration;
        scanned = 0;
        index = -1;
      }
      if (index === -1 && text.length > scanned) {
        // Only the new characters: what was scanned held nothing visible (a lone surrogate counts as visible).
        index = firstVisibleIndex(text, scanned);
        scanned = text.length;
      }
      return index;
    },
  };
}
