/**
 * What one commit of a growing Markdown answer costs, early and late in the
 * answer. A 50 KB answer (prose, nested lists, tables, 20 code blocks) grows
 * by 64 characters a commit (one commit per frame at about 1,000 tokens/s),
 * rendered into a jsdom root with a synchronous commit each time, by:
 * tokenpaint's <StreamingMarkdown>; Streamdown (what the AI SDK's templates
 * use); and a naive renderer that re-parses the whole text with marked and
 * renders every block again on every commit (the same elements as
 * tokenpaint's, without the split). Prints the median commit time over the 15
 * commits before 10%, 50% and 100% of the answer, best of 3 runs each, all in
 * the same run. Run: `pnpm --filter @tokenpaint/react bench`. Only sanity is
 * asserted (every renderer ends showing the answer's last words).
 */
import { Lexer } from 'marked';
import { type ReactNode, useMemo } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Streamdown } from 'streamdown';
import { expect, it } from 'vitest';
import { StreamingMarkdown } from '../src/index.ts';
import { renderBlocks } from '../src/markdown/render-tokens.tsx';

/** A 50 KB answer: sections of prose, a nested list, a table and a code block (20 sections, 20 code blocks). */
function answer(): string {
  const sections: string[] = [];
  for (let i = 0; i < 20; i++) {
    sections.push(
      [
        `## Section ${i + 1}: frame budgets and streaming`,
        `Rendering a streamed answer well means doing **as little work per frame** as the text allows. ` +
          `A model writes *a few tokens* at a time, so the page should touch only what changed: the last ` +
          `paragraph, the row being written, the code block still open. See [the notes](https://example.com/${i}) ` +
          'and `requestAnimationFrame` for the details. '.repeat(8),
        `- measure first\n  - then **batch** commits\n  - keep the caret steady\n- prefer memoized rows\n  1. settled blocks\n  2. the growing block`,
        `| stage | budget | note |\n| --- | ---: | --- |\n| first token | 300 ms | network and queue |\n| frame | 16.7 ms | 60 Hz |\n| commit | 4 ms | leave room for input |`,
        `\`\`\`ts\nexport function paint${i}(tokens: string[]): number {\n  let painted = 0;\n  for (const token of tokens) {\n    painted += token.length; // one append per token, never a full re-render\n  }\n  return painted;\n}\n\`\`\``,
        `${'Each section ends with a paragraph long enough to wrap across several lines in a typical chat column, so layout has real work. '.repeat(11)}`,
      ].join('\n\n'),
    );
  }
  return `${sections.join('\n\n')}\n\nThe end of the answer.`;
}

/** The naive baseline: the whole text re-parsed and every block rendered on every commit. */
function NaiveMarkdown({ text }: { readonly text: string }): ReactNode {
  const tokens = useMemo(() => Lexer.lex(text, { gfm: true }), [text]);
  return <div>{renderBlocks(tokens, { imageOrigins: [], settled: false, highlight: undefined })}</div>;
}

type Renderer = (text: string, streaming: boolean) => ReactNode;

const RENDERERS: ReadonlyArray<readonly [string, Renderer]> = [
  [
    'tokenpaint <StreamingMarkdown>',
    (text, streaming) => <StreamingMarkdown text={text} streaming={streaming} />,
  ],
  ['Streamdown 2.7.1', (text, streaming) => <Streamdown isAnimating={streaming}>{text}</Streamdown>],
  ['naive: marked re-parse + full render', (text) => <NaiveMarkdown text={text} />],
];

const STEP = 64;
const WINDOW = 15;
const POINTS = [0.1, 0.5, 1] as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One streamed answer: the time of every commit, by the length of text it showed. */
function streamOnce(render: Renderer, text: string): { times: Map<number, number>; shown: string } {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const times = new Map<number, number>();
  for (let length = STEP; ; length += STEP) {
    const at = Math.min(length, text.length);
    const started = performance.now();
    flushSync(() => root.render(render(text.slice(0, at), at < text.length)));
    times.set(at, performance.now() - started);
    if (at === text.length) break;
  }
  const shown = container.textContent ?? '';
  root.unmount();
  container.remove();
  return { times, shown };
}

/** The median commit time over the WINDOW commits ending at `share` of the answer. */
function around(times: Map<number, number>, length: number, share: number): number {
  const end = Math.round(length * share);
  return median([...times].filter(([at]) => at <= end && at > end - WINDOW * STEP).map(([, ms]) => ms));
}

it('prints the commit time of a growing 50 KB Markdown answer at 10%, 50% and 100%', () => {
  const text = answer();
  const rows: string[] = [];
  const results = new Map<string, number[]>();
  for (const [name, render] of RENDERERS) {
    let best: number[] | undefined;
    for (let run = 0; run < 3; run++) {
      const { times, shown } = streamOnce(render, text);
      expect(shown, name).toContain('The end of the answer.');
      const figures = POINTS.map((share) => around(times, text.length, share));
      if (best === undefined || (figures[2] ?? 0) < (best[2] ?? 0)) best = figures;
    }
    results.set(name, best ?? []);
    rows.push(
      `| ${name} | ${(best ?? []).map((ms) => ms.toFixed(2)).join(' | ')} | ${((best?.[2] ?? 0) / (best?.[0] ?? 1)).toFixed(2)}× |`,
    );
  }
  const ours = results.get(RENDERERS[0]?.[0] ?? '') ?? [];
  const streamdown = results.get(RENDERERS[1]?.[0] ?? '') ?? [];
  console.log(
    [
      `\nMarkdown commit time, ${(text.length / 1024).toFixed(1)} KB answer, ${STEP} characters a commit (${Math.ceil(text.length / STEP)} commits), jsdom, median ms over ${WINDOW} commits, best of 3`,
      '| renderer | at 10% | at 50% | at 100% | 100% ÷ 10% |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      `tokenpaint at 100% vs Streamdown at 100%: ${((streamdown[2] ?? 0) / (ours[2] ?? 1)).toFixed(1)}× less time per commit`,
    ].join('\n'),
  );
}, 600_000);
