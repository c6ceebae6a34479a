/**
 * The same answer over each wire format the core understands, from the mock's
 * provider-shaped endpoints. The `reasoning` script shows that reasoning comes
 * through wherever the format carries it (plain text carries the answer only).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { mockArgTypes } from './support/arg-types.ts';
import { MockMessage } from './support/mock-message.tsx';

const meta = {
  title: 'Protocols',
  component: MockMessage,
  argTypes: mockArgTypes,
  args: { protocol: 'openai-chat', preset: 'fast', script: 'reasoning', pacing: false, detect: false },
} satisfies Meta<typeof MockMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** OpenAI Chat Completions (`/v1/chat/completions`, `data:` chunks, `[DONE]`). */
export const OpenaiChat: Story = { name: 'OpenAI Chat Completions', args: { protocol: 'openai-chat' } };

/** OpenAI Responses (`/v1/responses`, typed `event:` names). */
export const OpenaiResponses: Story = { name: 'OpenAI Responses', args: { protocol: 'openai-responses' } };

/** Anthropic Messages (`/v1/messages`, content blocks, thinking deltas). */
export const Anthropic: Story = { name: 'Anthropic Messages', args: { protocol: 'anthropic' } };

/** Vercel AI SDK UI message stream v1 (`/api/chat`). */
export const AiSdk: Story = { name: 'AI SDK UI stream', args: { protocol: 'ai-sdk' } };

/** Plain `text/plain` streaming (`/v1/text`). */
export const Text: Story = { name: 'Plain text', args: { protocol: 'text' } };

/** `protocol: 'auto'`: the adapter is chosen from the response headers and the first event. */
export const AutoDetect: Story = {
  name: 'Auto-detect (Anthropic)',
  args: { protocol: 'anthropic', detect: true },
};
