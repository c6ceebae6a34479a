/**
 * What a reader sees of a Markdown answer, for comparing a rendered answer
 * with the script that was streamed: the text of marked's tokens (link text,
 * not URLs; image alt text; code as written), with whitespace left out, since
 * blocks render as elements with none between them.
 */

import type { Locator } from '@playwright/test';
import { Lexer, type Token } from 'marked';

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

function tokenText(token: Token): string {
  if (token.type === 'checkbox' || token.type === 'space' || token.type === 'def' || token.type === 'hr')
    return '';
  if (token.type === 'code' || token.type === 'codespan') return token.text;
  if (token.type === 'html') return token.raw;
  if (token.type === 'table')
    return [...token.header, ...token.rows.flat()]
      .map((cell: { tokens: Token[] }) => textOf(cell.tokens))
      .join('');
  if (token.type === 'list')
    return token.items.map((item: { tokens: Token[] }) => textOf(item.tokens)).join('');
  if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0)
    return textOf(token.tokens);
  if (token.type === 'image') return token.text;
  return 'text' in token && typeof token.text === 'string'
    ? token.text.replace(/&([a-z]+);/gi, (e, n: string) => NAMED[n] ?? e)
    : '';
}

function textOf(tokens: readonly Token[]): string {
  return tokens.map(tokenText).join('');
}

/** The visible characters of `markdown`, whitespace removed. */
export function visibleMarkdown(markdown: string): string {
  return textOf(Lexer.lex(markdown, { gfm: true })).replace(/\s+/g, '');
}

/** The visible characters of a rendered text part (code-block headers and the caret left out), whitespace removed. */
export async function shownMarkdown(text: Locator): Promise<string> {
  const shown = await text.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const chrome of copy.querySelectorAll('[data-tp-part="code-header"], [data-tp-part="caret"]'))
      chrome.remove();
    return copy.textContent ?? '';
  });
  return shown.replace(/\s+/g, '');
}
