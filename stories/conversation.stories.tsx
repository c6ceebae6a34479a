/**
 * A multi-turn chat on `useConversation`: each assistant turn is a
 * `<StreamingMessage run={message.run}>`, so earlier turns keep their final state
 * while the newest one streams. The play function sends a first message, so the
 * story opens with a live answer.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { PresetName, ScriptName } from '@tokenpaint/mock-llm';
import { Composer, type ConversationMessage, StreamingMessage, useConversation } from '@tokenpaint/react';
import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import { mockArgTypes } from './support/arg-types.ts';
import { mockFetch, mockUrl, type WireFormat } from './support/mock-request.ts';
import './conversation.stories.css';

const FIRST_MESSAGE = 'What makes a stream feel fast?';

interface ChatProps {
  readonly protocol: WireFormat;
  readonly preset: PresetName;
  readonly script: ScriptName;
  readonly pacing: boolean;
}

function Turn({
  message,
  pacing,
}: {
  readonly message: ConversationMessage;
  readonly pacing: boolean;
}): ReactNode {
  if (message.role === 'user') {
    return (
      <div className="chat-turn chat-turn--user" data-story-role="user">
        {message.text}
      </div>
    );
  }
  return (
    <div className="chat-turn chat-turn--assistant" data-story-role="assistant">
      {message.run ? <StreamingMessage run={message.run} pacing={pacing} /> : message.text}
    </div>
  );
}

function Chat({ protocol, preset, script, pacing }: ChatProps): ReactNode {
  // The conversation reads its options at each send, so a control change applies to the next turn.
  const chat = useConversation({
    url: mockUrl({ protocol, preset, script }),
    protocol,
    fetch: mockFetch,
    // The mock's warm-up route: focus and typing send one HEAD there (no body, no model call).
    warmUp: '/warm',
    body:
      protocol === 'anthropic'
        ? { model: 'mock-1', max_tokens: 1024, stream: true }
        : { model: 'mock-1', stream: true },
  });
  return (
    <div className="chat" data-story-chat-status={chat.status}>
      <ol className="chat-log" aria-label="Conversation">
        {chat.messages.map((message) => (
          <li key={message.id}>
            <Turn message={message} pacing={pacing} />
          </li>
        ))}
      </ol>
      {/* Enter sends, Shift+Enter adds a line; while an answer runs the button is Stop and a
          submit is refused (the draft stays). Focus and typing warm the connection. */}
      <Composer
        placeholder="Ask something…"
        onSend={chat.send}
        onStop={chat.stop}
        onIntent={chat.warm}
        busy={chat.running}
      />
    </div>
  );
}

const meta = {
  title: 'useConversation',
  component: Chat,
  argTypes: mockArgTypes,
  args: { protocol: 'openai-chat', preset: 'fast', script: 'text', pacing: true },
} satisfies Meta<typeof Chat>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Sends a first message the way a user would, so the story opens mid-conversation. */
const sendFirstMessage: Story['play'] = async ({ canvas, userEvent }) => {
  await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), FIRST_MESSAGE);
  await userEvent.keyboard('{Enter}');
  await expect(await canvas.findByText(FIRST_MESSAGE)).toBeVisible();
};

/** Type a message and press Send; Stop keeps the partial answer, a new message starts the next turn. */
export const MultiTurn: Story = { play: sendFirstMessage };

/** Answers with reasoning, over Anthropic Messages. */
export const WithReasoning: Story = {
  args: { protocol: 'anthropic', script: 'reasoning', preset: 'typical' },
  play: sendFirstMessage,
};
