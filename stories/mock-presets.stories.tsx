/**
 * One story per preset of `@tokenpaint/mock-llm`, all on the same script and
 * wire format, so the difference you see is the network alone. Pick another
 * script or protocol in the controls.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { mockArgTypes } from './support/arg-types.ts';
import { MockMessage } from './support/mock-message.tsx';

const meta = {
  title: 'Mock presets',
  component: MockMessage,
  argTypes: mockArgTypes,
  args: { protocol: 'openai-chat', preset: 'fast', script: 'markdown', pacing: false },
} satisfies Meta<typeof MockMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No timers at all: the whole answer in one go. */
export const Instant: Story = { args: { preset: 'instant' } };

/** 200 ms to the first token, 100 tokens/s. */
export const Fast: Story = { args: { preset: 'fast' } };

/** 600 ms to the first token, 45 tokens/s: a busy hosted model. */
export const Typical: Story = { args: { preset: 'typical' } };

/** 2.5 s to the first token, 15 tokens/s in threes, heavy jitter. */
export const Slow3G: Story = { name: 'Slow 3G', args: { preset: 'slow-3g' } };

/** 12 tokens per write: what a proxy that batches does to a stream. */
export const Bursty: Story = { args: { preset: 'bursty' } };

/** The same bursts, paced. */
export const BurstyPaced: Story = { name: 'Bursty (paced)', args: { preset: 'bursty', pacing: true } };

/**
 * A 3 s silence before token 40. `stallTimeoutMs: 1000` lets the status show
 * `stalled` before the stream recovers by itself; abandoning is moved past the
 * silence (its default, 3 × stallTimeoutMs, would give up exactly when it ends).
 */
export const Stall: Story = {
  args: { preset: 'stall', script: 'text', stallTimeoutMs: 1_000, stallAbandonMs: 10_000 },
};

/** A buffering proxy: nothing for the whole answer, then everything at once (pacing cannot help here). */
export const BufferedProxy: Story = { args: { preset: 'buffered-proxy' } };

/** The connection is cut before token 30 and the events carry no ids: an error, text kept. */
export const Drop: Story = { args: { preset: 'drop', script: 'text' } };

/** The same cut with `resumable=1`: the run reconnects with `Last-Event-ID` and finishes the answer. */
export const DropResumed: Story = {
  name: 'Drop (resumed)',
  args: { preset: 'drop', script: 'text', overrides: { resumable: true } },
};

/** HTTP 429 with `Retry-After: 2` on every attempt: retrying with a countdown, then out of retries. */
export const RateLimited: Story = { args: { preset: 'rate-limited' } };

/** One event with invalid JSON before token 20: a typed error naming the event. */
export const Malformed: Story = { args: { preset: 'malformed', script: 'text' } };
