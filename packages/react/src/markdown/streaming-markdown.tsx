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
  return (
    <div data-tp-part="markdown">
      {blocks.map((block) => (
        <Block key={block.index} block={block} options={block.settled ? settledOptions : growingOptions} />
      ))}
    </div>
  );
}
