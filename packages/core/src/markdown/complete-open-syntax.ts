/**
 * What the last, still-growing block of a streamed Markdown answer should look
 * like now: its half-written syntax shown in its intended final form, so the
 * render does not flicker when the closing marker arrives. `**bol` reads as
 * bold, `` `co `` as code, `[text](https://exa` as the text alone (no URL is
 * known yet), a table's header row waits for its delimiter row, and a marker
 * just opened with nothing after it is held back. An open code fence needs
 * nothing: CommonMark runs it to the end of the text, which is what a streaming
 * code block should show.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Whether `text` ends inside a fenced code block (an opening fence with no closing one after it). */
export function endsInsideFence(text: string): boolean {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const fence = FENCE.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open !== undefined;
}

/** The inline markers that open and close a span, longest first. */
const MARKERS = ['**', '__', '~~', '*', '_'] as const;

/**
 * Closes the emphasis, strikethrough and code spans left open in `text` (one
 * paragraph-like block), innermost first. Markers are matched by a simple stack
 * outside code spans: good enough to show the intended form while streaming;
 * the final render is the parser's own reading of the finished text.
 */
function closeInline(text: string): string {
  const open: string[] = [];
  let code: string | undefined; // the backtick run that opened a code span
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '`') {
      let end = i;
      while (text[end] === '`') end++;
      const run = text.slice(i, end);
      if (code === undefined) code = run;
      else if (run === code) code = undefined;
      i = end;
      continue;
    }
    if (code !== undefined) {
      i++;
      continue;
    }
    const marker = MARKERS.find((m) => text.startsWith(m, i));
    if (marker === undefined) {
      i++;
      continue;
    }
    const before = text[i - 1] ?? ' ';
    const after = text[i + marker.length] ?? '';
    // A list bullet (`* item`) and an intraword underscore (snake_case) are not emphasis.
    const bullet = marker === '*' && (i === 0 || text[i - 1] === '\n') && after === ' ';
    const intraword = marker[0] === '_' && /\w/.test(before) && /\w/.test(after);
    if (!bullet && !intraword) {
      if (open.at(-1) === marker) open.pop();
      else if (after !== '' && !/\s/.test(after)) open.push(marker);
    }
    i += marker.length;
  }
  let closed = text;
  // A marker (or code run) at the very end opens nothing visible yet: hold it back.
  const trailing = /(\*\*|__|~~|\*|_|`+)$/.exec(closed)?.[1];
  if (trailing !== undefined && (open.at(-1) !== trailing || code === trailing)) {
    if (code === trailing) code = undefined;
    closed = closed.slice(0, -trailing.length);
  }
  if (code !== undefined) closed += code;
  for (let k = open.length - 1; k >= 0; k--) closed = closed.trimEnd() + open[k];
  return closed;
}

/** A link or image whose URL (or text) is still arriving: shown as its text alone, an image not at all. */
function settleOpenLink(text: string): string {
  // A task item's box (`- [ ]`, `- [x]`) is not a link.
  if (/(^|\n)\s*([-*+]|\d+[.)])\s+\[[ xX]?\]?$/.test(text)) return text;
  return text
    .replace(/!\[[^\]\n]*(\]\([^)\n]*)?$/, '')
    .replace(/\[([^\]\n]*)\]\([^)\n]*$/, '$1')
    .replace(/\[([^\]\n]*)\]?$/, '$1');
}

/** Table rows at the end of a block that no delimiter row has made a table yet. */
function holdBackTableHeader(text: string): string {
  const lines = text.split('\n');
  let start = lines.length;
  while (start > 0 && /^\s*\|/.test(lines[start - 1] ?? '')) start--;
  if (start === lines.length) return text;
  const rows = lines.slice(start);
  // A delimiter row (| --- | :-: |) among them: already a table, show it.
  if (rows.some((row) => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(row))) return text;
  return lines.slice(0, start).join('\n');
}

/** The last block of a streaming answer as it should render now (see the module comment). */
export function completeOpenSyntax(block: string): string {
  // A code block, open or closed, is code: nothing in it is Markdown to complete.
  if (FENCE.test(block) || endsInsideFence(block)) return block;
  return closeInline(settleOpenLink(holdBackTableHeader(block)));
}
