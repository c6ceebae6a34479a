/**
 * `<StreamingMarkdown>`: a long answer revealed as it would stream, every kind
 * of half-written syntax frozen mid-token, and prompt-injected output (the
 * mock's XSS vectors) rendering as inert text, alone and through
 * `<StreamingMessage>` over the mock.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { SCRIPTS, XSS_VECTORS } from '@tokenpaint/mock-llm';
import { StreamingMarkdown } from '@tokenpaint/react';
import { type ReactNode, useEffect, useState } from 'react';
import { expect } from 'storybook/test';
import { MockMessage } from './support/mock-message.tsx';

interface RevealProps {
  readonly text: string;
  /** Characters added per animation frame (about 4 characters a token). */
  readonly charsPerFrame: number;
}

/** Grows `text` frame by frame, as a stream at one commit per frame would. */
function Revealing({ text, charsPerFrame }: RevealProps): ReactNode {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    let frame = 0;
    const step = (): void => {
      setShown((length) => {
        const next = Math.min(text.length, length + charsPerFrame);
        if (next < text.length) frame = requestAnimationFrame(step);
        return next;
      });
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [text, charsPerFrame]);
  return <StreamingMarkdown text={text.slice(0, shown)} streaming={shown < text.length} />;
}

const meta = {
  title: 'StreamingMarkdown',
  component: Revealing,
  args: { text: `${SCRIPTS.markdown.text}\n${SCRIPTS.long.text}`, charsPerFrame: 16 },
} satisfies Meta<typeof Revealing>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The Markdown script, then ~9,700 tokens of prose, at about 240 tokens/s (16 characters a frame). */
export const LongAnswer: Story = {};

const HALF_WRITTEN: ReadonlyArray<readonly [string, string]> = [
  ['bold, unclosed', 'Some **bold tex'],
  ['italic, unclosed', 'An *italic wor'],
  ['strikethrough, unclosed', 'Now ~~wrong'],
  ['code span, unclosed', 'Call `render(tok'],
  ['link, URL arriving', 'See [the docs](https://exam'],
  ['link text arriving', 'See [the do'],
  ['image arriving', 'A chart: ![latency by st'],
  ['marker just opened', 'Then **'],
  ['code fence, open', '```ts\nconst frame = requestAnimationFrame(('],
  ['table, header only', 'Budgets:\n\n| Stage | Target |'],
  ['table, first row arriving', '| Stage | Target |\n| --- | ---: |\n| TTFT | 30'],
  ['task list', '- [x] measured\n- [ ] repo'],
  ['nested list', '- outer\n  1. inner **bo'],
  ['blockquote', '> Tip: hold the row until its last pi'],
];

/** Each kind of half-written syntax, frozen mid-token (`streaming`): shown in its intended final form. */
export const HalfWritten: Story = {
  render: () => (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.5rem 1.5rem' }}>
      {HALF_WRITTEN.map(([label, text]) => (
        <div key={label} style={{ display: 'contents' }} data-story-case={label}>
          <dt>
            <strong>{label}</strong>
            <pre style={{ margin: 0, fontSize: '0.75rem' }}>{JSON.stringify(text)}</pre>
          </dt>
          <dd style={{ margin: 0 }}>
            <StreamingMarkdown text={text} streaming />
          </dd>
        </div>
      ))}
    </dl>
  ),
};

/** Every XSS vector of the mock's corpus, rendered finished: text and inert links only. */
export const XSSGallery: Story = {
  render: () => (
    <ol data-story-gallery="">
      {XSS_VECTORS.map((vector) => (
        <li key={vector} style={{ marginBottom: '0.75rem' }}>
          <StreamingMarkdown text={vector} streaming={false} />
        </li>
      ))}
    </ol>
  ),
  play: async ({ canvasElement }) => {
    const gallery = canvasElement.querySelector('[data-story-gallery]') as HTMLElement;
    await expect(
      gallery.querySelectorAll('script, iframe, object, embed, svg, math, style, img, form'),
    ).toHaveLength(0);
    for (const element of gallery.querySelectorAll('*'))
      for (const { name } of element.attributes) await expect(name.startsWith('on')).toBe(false);
    for (const link of gallery.querySelectorAll('a'))
      await expect(['http:', 'https:', 'mailto:']).toContain(new URL(link.href).protocol);
  },
};

/** The same corpus as an answer streamed by the mock (`script=xss`) into `<StreamingMessage>`. */
export const XSSStreamed: Story = {
  render: () => <MockMessage protocol="openai-chat" preset="fast" script="xss" />,
};
