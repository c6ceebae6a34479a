'use client';
import { createMarkdownSplitter, type MarkdownBlock } from '@tokenpaint/core';
import { memo, type ReactNode, useMemo, useRef } from 'react';
import { type RenderOptions, renderBlock } from './render-tokens.tsx';

/** Props of {@link StreamingMarkdown}. */
export interface StreamingMarkdownProps {
  /** The Markdown so far. */
  readonly text: string;
  /** More may come: the last block shows its half-written syntax in its intended form. */
  readonly streaming: boolean;
  /**
   * Origins (`https://images.example.com`) images may load from. Default: none,
   * so an image renders as its alt text; a model's output cannot make the page
   * fetch a URL of its choosing.
   */
  readonly imageOrigins?: readonly string[];
  /**
   * Syntax highlighting for complete code blocks: return the highlighted
   * content of the `<code>` element (React elements, never an HTML string).
   * Called once per complete block, never for the growing one.
   */
  readonly highlight?: (code: string, language: string) => ReactNode;
}

interface BlockProps {
  readonly block: MarkdownBlock;
  readonly options: RenderOptions;
}

/** One block; memoized on its token, which a settled block keeps for good, so it renders once. */
const Block = memo(function Block({ block, options }: BlockProps): ReactNode {
  return renderBlock(block.token, options);
});

const NO_ORIGINS: readonly string[] = [];

/*
 * Warm-up: runs the Markdown path once on a sample while the page is idle, so that the
 * first answer does not pay for it. The first lex of a page compiles marked's
 * regular expressions and its lazily compiled functions: measured in the bench
 * page's CPU profile as most of the first token's render at 4x CPU. Idle time
 * after load is free; the first token's render is on the path the user waits on.
 */

/** One of each construct an answer commonly opens with, ending mid-syntax as a stream does. */
const SAMPLE = [
  '# Heading',
  '',
  'A paragraph with **strong**, *emphasis*, `code`, ~~struck~~ and a [link](https://example.com).',
  '',
  '- an item',
  '- [x] a task',
  '',
  '1. first',
  '',
  '> quoted',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
  '```ts',
  'const x = 1;',
  '```',
  '',
  'Half **open',
].join('\n');

let warmed = false;

/** Lexes and renders the sample once per page (later calls do nothing). */
export function warmMarkdown(): void {
  if (warmed) return;
  warmed = true;
  const options = { imageOrigins: NO_ORIGINS, highlight: undefined, settled: false };
  for (const block of createMarkdownSplitter().update(SAMPLE, true)) renderBlock(block.token, options);
}

/**
 * Schedules {@link warmMarkdown} for the browser's next idle period. Not on the
 * server (a request renders once), and not where there is no idle callback
 * (test environments, older Safari): a missed warm-up costs one slower first answer.
 */
export function warmMarkdownWhenIdle(): void {
  // Through globalThis: Node has no idle callback, and reading `window` on the server throws in some setups.
  const idle = globalThis.requestIdleCallback;
  if (typeof idle !== 'function') return;
  idle(warmMarkdown, { timeout: 2000 });
}

// A page that can render streaming Markdown warms it up once, while idle.
warmMarkdownWhenIdle();

/**
 * Settled blocks are rendered in memoized groups of this many, so a commit
 * late in a long answer compares a few groups, not every block: the cost of a
 * commit stays that of the growing block however long the answer gets.
 */
const GROUP_SIZE = 16;

interface GroupProps {
  /** Every block of the answer; the group renders `GROUP_SIZE` of them from `start`. */
  readonly blocks: readonly MarkdownBlock[];
  readonly start: number;
  readonly settledOptions: RenderOptions;
  readonly growingOptions: RenderOptions;
}

/** The last block of the group at `start`, if the answer reaches it. */
function lastOfGroup(blocks: readonly MarkdownBlock[], start: number): MarkdownBlock | undefined {
  return blocks[Math.min(start + GROUP_SIZE, blocks.length) - 1];
}

/**
 * A group renders again only if its last block is new or still growing. The
 * splitter keeps every settled block as the same object until it starts over,
 * and settled blocks come first: a group whose last block is the same settled
 * object holds the same blocks as before. One check per group, not per block,
 * and no copy of the blocks for a group that does not render.
 */
function sameGroup(previous: GroupProps, next: GroupProps): boolean {
  const last = lastOfGroup(next.blocks, next.start);
  return (
    previous.start === next.start &&
    last !== undefined &&
    last.settled &&
    lastOfGroup(previous.blocks, previous.start) === last &&
    previous.settledOptions === next.settledOptions &&
    previous.growingOptions === next.growingOptions
  );
}

/**
 * Blocks `start` to `start + GROUP_SIZE - 1`: a block stays in its group for
 * good (no remount as the answer grows), and a group whose blocks have all
 * settled is skipped whole.
 */
const Group = memo(function Group({ blocks, start, settledOptions, growingOptions }: GroupProps): ReactNode {
  return blocks
    .slice(start, start + GROUP_SIZE)
    .map((block) => (
      <Block key={block.index} block={block} options={block.settled ? settledOptions : growingOptions} />
    ));
}, sameGroup);

/**
 * Markdown that streams: CommonMark with GFM, split into blocks so that a
 * finished block is parsed and rendered once and each update costs the growing
 * block, not the answer. Safe by construction: raw HTML shows as text, links
 * and images keep only `http:`, `https:`, `mailto:` and relative URLs, images
 * load only from `imageOrigins`, and nothing is set as HTML. Renders on the
 * server too.
 */
export function StreamingMarkdown({
  text,
  streaming,
  imageOrigins = NO_ORIGINS,
  highlight,
}: StreamingMarkdownProps): ReactNode {
  const splitter = useRef<ReturnType<typeof createMarkdownSplitter> | null>(null);
  if (splitter.current === null) splitter.current = createMarkdownSplitter();
  const blocks = useMemo(() => splitter.current?.update(text, streaming) ?? [], [text, streaming]);
  const settledOptions = useMemo(
    () => ({ imageOrigins, highlight, settled: true }),
    [imageOrigins, highlight],
  );
  const growingOptions = useMemo(
    () => ({ imageOrigins, highlight, settled: false }),
    [imageOrigins, highlight],
  );
  const starts: number[] = [];
  for (let start = 0; start < blocks.length; start += GROUP_SIZE) starts.push(start);
  return (
    <div data-tp-part="markdown">
      {starts.map((start) => (
        <Group
          // The group at `start` always holds the same block positions.
          key={start}
          blocks={blocks}
          start={start}
          settledOptions={settledOptions}
          growingOptions={growingOptions}
        />
      ))}
    </div>
  );
}
