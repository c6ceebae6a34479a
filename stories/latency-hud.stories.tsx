/**
 * `<LatencyHUD>` beside the answer it measures, one story per mock preset: the
 * waterfall, TTFT, time on screen, paint lag, tokens/s, frame times, and the
 * page's running p50/p95 (replay a story a few times to fill it).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { PRESET_NAMES, type PresetName } from '@tokenpaint/mock-llm';
import { LatencyHUD, StreamingMessage, useStream } from '@tokenpaint/react';
import type { ReactNode } from 'react';
import { mockFetch, mockRequest, type WireFormat } from './support/mock-request.ts';

interface HUDMessageProps {
  readonly protocol: WireFormat;
  readonly preset: PresetName;
}

function Answer({ protocol, preset }: HUDMessageProps): ReactNode {
  const request = mockRequest({ protocol, preset, script: 'text' });
  const { run } = useStream({ url: request.url, body: request.body, protocol, fetch: mockFetch });
  return (
    <>
      {run !== null && <StreamingMessage run={run} aria-label={`Answer over ${preset}`} />}
      <LatencyHUD run={run} />
    </>
  );
}

/** Keyed by its request, so changing a control starts a new answer. */
function HUDMessage(props: HUDMessageProps): ReactNode {
  return <Answer key={`${props.protocol}:${props.preset}`} {...props} />;
}

const meta = {
  title: 'Latency HUD',
  component: HUDMessage,
  argTypes: {
    preset: { control: 'select', options: PRESET_NAMES },
    protocol: {
      control: 'select',
      options: ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk', 'text'],
    },
  },
  args: { protocol: 'openai-chat', preset: 'fast' },
} satisfies Meta<typeof HUDMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Fast: Story = { args: { preset: 'fast' } };
export const Typical: Story = { args: { preset: 'typical' } };
export const Slow3G: Story = { name: 'Slow 3G', args: { preset: 'slow-3g' } };
export const Bursty: Story = { args: { preset: 'bursty' } };
export const Stall: Story = { args: { preset: 'stall' } };
/** The HUD names the fix when the answer arrives in one burst. */
export const BufferedProxy: Story = { args: { preset: 'buffered-proxy' } };
export const Drop: Story = { args: { preset: 'drop' } };
