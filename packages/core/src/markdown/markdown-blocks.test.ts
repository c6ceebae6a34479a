import { SCRIPTS } from '@tokenpaint/mock-llm';
import { Lexer, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { createMarkdownSplitter } from './markdown-blocks.ts';

/** Every block kind the splitter must cut correctly, beyond the mock's Markdown script. */
export const EVERY_BLOCK = `Setext heading
==============

A paragraph with ~~strike~~, a <https://auto.link> and www.example.com,
and a second line.

- [ ] an open task
- [x] a done task

1. loose

2. ordered list

* * *

<div>raw html block</div>

> quote with **bold**
continued lazily

    indented code

Final paragraph with a [ref link][r].

[r]: https://example.com/ref
`;

const content = (tokens: readonly Token[]) => tokens.filter((token) => token.type !== 'space');

describe('createMarkdownSplitter', () => {
  for (const [name, text] of [
    ['the markdown script', SCRIPTS.markdown.text],
    ['every block kind', EVERY_BLOCK],
  ] as const) {
    it(`cuts ${name} at every prefix as a fresh split of that prefix does`, () => {
      const incremental = createMarkdownSplitter();
      for (let cut = 0; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut);
        const grown = incremental.update(prefix, true);
        const fresh = createMarkdownSplitter().update(prefix, true);
        expect(grown.map((block) => block.token)).toEqual(fresh.map((block) => block.token));
      }
    });

    it(`ends ${name} with what one parse of the whole text gives`, () => {
      const splitter = createMarkdownSplitter();
      for (let cut = 0; cut <= text.length; cut += 7) splitter.update(text.slice(0, cut), true);
      const finished = splitter.update(text, false);
      expect(finished.every((block) => block.settled)).toBe(true);
      // Reference links resolve within their block (documented), so compare the rest of the tree.
      const strip = (tokens: readonly Token[]) =>
        JSON.parse(JSON.stringify(tokens).replaceAll('"links":{}', ''));
      const whole = content(Lexer.lex(text, { gfm: true })).filter((token) => token.type !== 'def');
      const mine = finished.map((block) => block.token).filter((token) => token.type !== 'def');
      expect(strip(mine).map((t: Token) => t.type)).toEqual(strip(whole).map((t: Token) => t.type));
      expect(mine.filter((t) => !t.raw.includes('[r]'))).toEqual(whole.filter((t) => !t.raw.includes('[r]')));
    });
  }

  it('keeps a settled block the same object while the text grows, so it renders once', () => {
    const splitter = createMarkdownSplitter();
    const first = splitter.update('# Title\n\nOne paragraph.\n\nTwo\ngrows', true);
    expect(first.map((block) => [block.token.type, block.settled])).toEqual([
      ['heading', true],
      ['paragraph', true],
      ['paragraph', false],
    ]);
    const next = splitter.update('# Title\n\nOne paragraph.\n\nTwo\ngrows **bo', true);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).toBe(first[1]);
    expect(next[2]?.token).toMatchObject({ type: 'paragraph', text: 'Two\ngrows **bo**' });
  });

  it('holds the block before back while the last block has no finished first line', () => {
    // `2` is a paragraph, but `2.` would continue the list above it.
    const blocks = createMarkdownSplitter().update('1. one\n\n2', true);
    expect(blocks.map((block) => block.settled)).toEqual([false, false]);
  });

  it('starts over when the text does not extend the previous text', () => {
    const splitter = createMarkdownSplitter();
    splitter.update('# One\n\nmore', true);
    const other = splitter.update('Something else\n\nentirely', true);
    expect(other.map((block) => block.token.raw.trim())).toEqual(['Something else', 'entirely']);
  });

  it('reads \\r\\n line ends as marked does', () => {
    const blocks = createMarkdownSplitter().update('# A\r\n\r\nB\r\n', false);
    expect(blocks.map((block) => block.token.type)).toEqual(['heading', 'paragraph']);
  });

  it('shows an open code fence as a code block that grows', () => {
    const blocks = createMarkdownSplitter().update('Intro\n\n```py\nprint(1)\nprint(2', true);
    expect(blocks.at(-1)?.token).toMatchObject({ type: 'code', lang: 'py', text: 'print(1)\nprint(2' });
  });
});
