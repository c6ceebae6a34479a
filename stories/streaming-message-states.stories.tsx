/**
 * `<StreamingMessage>` in every state it can be in. States a live stream passes
 * through in a blink are held by the mock's numbers (a ten-minute ttft, a
 * ten-minute stall, a 30 s Retry-After), so each story shows its state for as
 * long as you look and the e2e suite can assert it.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { mockArgTypes } from './support/arg-types.ts';
import { MockMessage } from './support/mock-message.tsx';
import { delayedHeadersFetch } from './support/mock-request.ts';

/** Long enough to watch, short of the heat death of a tab. */
const HOLD_MS = 600_000;

const meta = {
  title: 'StreamingMessage/States',
  component: MockMessage,
  argTypes: mockArgTypes,
  args: { protocol: 'openai-chat', preset: 'typical', script: 'markdown', pacing: false },
} satisfies Meta<typeof MockMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Change preset, script, protocol and pacing in the controls; every change restarts the stream. */
export const Playground: Story = {};

/** `connecting`: the request is out, no headers yet. The skeleton reserves the answer's height. */
export const Connecting: Story = {
  args: { fetch: delayedHeadersFetch(HOLD_MS) },
};

/** The three skeleton shapes, held in `waiting` (headers in, first token ten minutes away). */
export const SkeletonShapes: Story = {
  args: { overrides: { ttft: HOLD_MS }, stallTimeoutMs: HOLD_MS * 2 },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1.5rem' }}>
      <MockMessage {...args} skeleton="paragraph" />
      <MockMessage {...args} skeleton="code" />
      <MockMessage {...args} skeleton="tool" />
    </div>
  ),
};

/**
 * `waiting`: connected, no token yet (`ttft=600000`). The stall timer is pushed
 * out too, or ten seconds of silence would (rightly) turn this into `stalled`.
 */
export const Waiting: Story = {
  args: { overrides: { ttft: HOLD_MS }, stallTimeoutMs: HOLD_MS * 2 },
};

/** `streaming`: ~8,400 tokens of prose at 45 tokens/s, so the caret stays for minutes. */
export const Streaming: Story = {
  args: { script: 'long' },
};

/** Bursts of 12 tokens five times a second, shown as they land: the text jumps. */
export const Bursty: Story = {
  args: { preset: 'bursty', script: 'long', pacing: false },
};

/** The same bursts with `pacing`: the text flows at the arrival rate, never more than 400 ms behind. */
export const BurstyPaced: Story = {
  args: { preset: 'bursty', script: 'long', pacing: true },
};

/** Unpaced and paced side by side on the same seed: same bytes, different feel. */
export const PacingComparison: Story = {
  args: { preset: 'bursty', script: 'long' },
  render: (args) => (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1.5rem' }}>
      <section data-story-pane="unpaced">
        <h3>pacing off</h3>
        <MockMessage {...args} pacing={false} />
      </section>
      <section data-story-pane="paced">
        <h3>pacing on</h3>
        <MockMessage {...args} pacing />
      </section>
    </div>
  ),
};

/**
 * `stalled`: 40 tokens, then silence (`stallMs=600000`). `stallTimeoutMs` is
 * shortened to 1.5 s so the status turns quickly; abandoning is pushed out so the
 * run keeps waiting instead of failing.
 */
export const Stalled: Story = {
  args: {
    preset: 'stall',
    script: 'text',
    overrides: { stallMs: HOLD_MS },
    stallTimeoutMs: 1_500,
    stallAbandonMs: HOLD_MS * 2,
  },
};

/**
 * `retrying` with its countdown: every attempt gets HTTP 429 with `Retry-After: 30`,
 * and the retry budget is wide enough to keep trying.
 */
export const Retrying: Story = {
  args: {
    preset: 'rate-limited',
    overrides: { retryAfter: 30 },
    retry: { maxRetries: 100, maxElapsedMs: HOLD_MS * 10 },
  },
};

/** `error`: HTTP 500 before any byte (not retryable), with the message and a Retry button. */
export const ErrorState: Story = {
  name: 'Error',
  args: { overrides: { status: 500 } },
};

/** `error` after text: the connection is cut before token 30; what arrived stays on screen. */
export const DroppedMidAnswer: Story = {
  args: { preset: 'drop', script: 'text' },
};

/** `aborted`: the play function presses Stop once text flows; the partial answer stays, Retry appears. */
export const Aborted: Story = {
  args: { script: 'long' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const shown = (): number =>
      canvasElement.querySelector('[data-tp-part="text"]')?.textContent?.length ?? 0;
    await waitFor(() => expect(shown()).toBeGreaterThan(80), { timeout: 15_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await expect(await canvas.findByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

/** `done`: the `instant` preset answers the whole Markdown script in one go. */
export const Done: Story = {
  args: { preset: 'instant' },
};

/** Reasoning first (collapsed), then the answer. */
export const Reasoning: Story = {
  args: { script: 'reasoning' },
};

/** Three tool calls whose argument deltas interleave on the wire, at 30 tokens/s to watch them grow. */
export const ParallelToolCalls: Story = {
  args: { script: 'parallel-tools', overrides: { tps: 30 } },
};

/**
 * One tool call with ~36 KB of nested JSON arguments (escapes, emoji, `</script>`):
 * ~9,000 tokens at 1,500 tokens/s, a few seconds of fields completing one by one.
 */
export const LargeToolArguments: Story = {
  args: { script: 'tool-call', preset: 'fast', overrides: { tps: 1_500 } },
};
