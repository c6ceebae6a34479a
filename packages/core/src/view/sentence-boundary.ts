/**
 * Where the completed sentences of a growing text end, so a screen reader hears
 * whole sentences rather than one fragment per token. A sentence is complete when
 * its terminator is followed by whitespace (the next token proved it ended: `3.`
 * may still become `3.14`), at a line break, or after CJK full-width terminators,
 * which need no space.
 */

const BOUNDARY = /[.!?…]+["'”’)\]]*\s+|[。！？]+["'”’」』)\]]*|\n+/g;

/** Announce at least this often in text without sentence ends (code, lists without punctuation). */
export const MAX_UNBROKEN_CHARS = 240;

/**
 * The end index (exclusive) of the last complete sentence in `text[from..]`, or
 * `from` when none completed. Past {@link MAX_UNBROKEN_CHARS} without a boundary it
 * breaks at the last space instead, so long unpunctuated output is still announced.
 */
export function completedSentenceEnd(text: string, from: number): number {
  BOUNDARY.lastIndex = from;
  let end = from;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const stop = match.index + match[0].length;
    // A boundary that runs to the very end may still grow (`Hi! ` then `!`): count it anyway,
    // whitespace after a terminator already ends the sentence.
    end = stop;
  }
  if (end === from && text.length - from > MAX_UNBROKEN_CHARS) {
    const space = text.lastIndexOf(' ', text.length - 1);
    if (space > from) end = space + 1;
  }
  return end;
}
