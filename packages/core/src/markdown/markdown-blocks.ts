/**
 * Splits a streamed Markdown answer into top-level blocks and parses each one
 * once. A block is settled when the parser has begun another block after it:
 * nothing later can change it then (CommonMark blocks do not reach back past a
 * started sibling). Settled blocks keep their parsed token, the same object at
 * every update, so a memoized renderer renders each one once; each update
 * parses only the text after the last settled block. The per-update cost is
 * therefore the size of the growing block plus what arrived, not the answer.
 *
 * The parser is marked's lexer with GFM (tables, task lists, strikethrough,
 * autolinks): it yields a token tree and renders nothing, so no HTML string is
 * ever produced; the renderer builds elements from the tokens itself.
 *
 * Link reference definitions (`[x]: https://…`) apply within their block only:
 * a definition that arrives after a settled block cannot reach back into it.
 */
import { Lexer, type Token } from 'marked';
import { completeOpenSyntax } from './complete-open-syntax.ts';

/** One top-level block of the answer. */
export interface MarkdownBlock {
  /** Its position among the answer's blocks: stable while the text grows, a fitting React key. */
  readonly index: number;
  /** Its parsed form: a marked token (`heading`, `paragraph`, `code`, `list`, `table`, …). */
  readonly token: Token;
  /** It will not change while the text only grows (a later block has begun, or the text is finished). */
  readonly settled: boolean;
}

/** Keeps the settled blocks of one answer between updates. */
export interface MarkdownSplitter {
  /**
   * The blocks of `text`. `streaming`: more text may follow, so the last block
   * shows its half-written syntax in its intended form (see
   * `completeOpenSyntax`). Text that does not extend the previous text starts over.
   */
  update(text: string, streaming: boolean): readonly MarkdownBlock[];
}

const LEX_OPTIONS = { gfm: true, breaks: false } as const;

function lex(text: string): Token[] {
  return Lexer.lex(text, LEX_OPTIONS);
}

/** The index of the last token before `end` that is not blank space; -1 if none. */
function lastContent(tokens: readonly Token[], end: number): number {
  let at = end - 1;
  while (at >= 0 && tokens[at]?.type === 'space') at--;
  return at;
}

/** Creates a splitter for one answer. */
export function createMarkdownSplitter(): MarkdownSplitter {
  let settledText = '';
  let settled: MarkdownBlock[] = [];

  return {
    update(input, streaming) {
      // marked reads \r\n and \r as \n; so must the prefix bookkeeping.
      const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
      if (!text.startsWith(settledText)) {
        settledText = '';
        settled = [];
      }
      const tail = text.slice(settledText.length);
      const tokens = lex(tail);
      // Finished text: every block is settled. Streaming: all but the last one, and
      // all but the last two while the last one's first line is unfinished: that line
      // decides what it is, and it may yet join the block before it (`2` becoming `2.`,
      // the next item of the list above).
      let settleUpTo = tokens.length;
      if (streaming) {
        settleUpTo = lastContent(tokens, tokens.length);
        const last = tokens[settleUpTo];
        if (last !== undefined && !last.raw.includes('\n'))
          settleUpTo = Math.max(0, lastContent(tokens, settleUpTo));
      }
      let consumed = 0;
      for (let i = 0; i < settleUpTo; i++) {
        const token = tokens[i] as Token;
        // The tokens' raw texts are the source, in order; if one ever is not, settle nothing more.
        if (!tail.startsWith(token.raw, consumed)) break;
        consumed += token.raw.length;
        if (token.type !== 'space') settled.push({ index: settled.length, token, settled: true });
      }
      settledText += tail.slice(0, consumed);
      if (!streaming) return settled.slice();
      const growing = text.slice(settledText.length);
      const shown = lex(completeOpenSyntax(growing)).filter((token) => token.type !== 'space');
      return [...settled, ...shown.map((token, k) => ({ index: settled.length + k, token, settled: false }))];
    },
  };
}
