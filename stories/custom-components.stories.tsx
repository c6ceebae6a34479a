/**
 * Replacing parts of `<StreamingMessage>` through `components` (the slots): a dots
 * skeleton, a status line with live metrics, a Markdown `Text`, collapsible tool
 * calls and icon buttons. Parts not replaced keep their defaults.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { StreamingMessageComponents } from '@tokenpaint/react';
import { mockArgTypes } from './support/arg-types.ts';
import {
  CollapsibleToolCall,
  DotsSkeleton,
  IconActions,
  LiteMarkdown,
  MetricsStatus,
} from './support/custom-parts.tsx';
import { MockMessage } from './support/mock-message.tsx';
import './custom-components.stories.css';

const CUSTOM: Partial<StreamingMessageComponents> = {
  Skeleton: DotsSkeleton,
  Status: MetricsStatus,
  Text: LiteMarkdown,
  ToolCall: CollapsibleToolCall,
  Actions: IconActions,
};

const meta = {
  title: 'StreamingMessage/Custom components',
  component: MockMessage,
  argTypes: mockArgTypes,
  args: {
    protocol: 'openai-responses',
    preset: 'typical',
    script: 'markdown',
    pacing: true,
    components: CUSTOM,
  },
} satisfies Meta<typeof MockMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Markdown rendered by the custom `Text`, with the metrics status line. */
export const Markdown: Story = {};

/** Tool calls in collapsible panels. */
export const ToolCalls: Story = { args: { script: 'parallel-tools', preset: 'slow-3g' } };

/** The dots skeleton, held in `waiting`. */
export const Skeleton: Story = { args: { overrides: { ttft: 600_000 }, stallTimeoutMs: 1_200_000 } };

/** Only `Text` replaced: every other part is the default. */
export const TextOnly: Story = { args: { components: { Text: LiteMarkdown } } };
