/**
 * `<Transcript>`: a virtualized conversation of 10,000 messages with a live
 * answer streaming at its end (the mock's `long` script at 1,000 tok/s). It
 * follows the answer; scroll up and it stops, with a "Jump to latest" button;
 * Replay remounts it, and it comes back where it was left.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  type ConversationMessage,
  StreamingMarkdown,
  StreamingMessage,
  Transcript,
  useConversation,
} from '@tokenpaint/react';
import { memo, type ReactNode, useEffect, useState } from 'react';
import { mockFetch, mockUrl } from './support/mock-request.ts';

/** A settled message: memoized, since rows mount and unmount as they scroll by. */
const Settled = memo(function Settled({ message }: { readonly message: ConversationMessage }): ReactNode {
  return (
    <div data-story-role={message.role} style={{ padding: '0.5rem 0.75rem' }}>
      {message.role === 'user' ? (
        <strong>{message.text}</strong>
      ) : (
        <StreamingMarkdown text={message.text} streaming={false} />
      )}
    </div>
  );
});

function Row({ message }: { readonly message: ConversationMessage }): ReactNode {
  if (message.role === 'assistant' && message.run)
    return (
      <div data-story-role="assistant" data-story-live="" style={{ padding: '0.5rem 0.75rem' }}>
        <StreamingMessage run={message.run} />
      </div>
    );
  return <Settled message={message} />;
}

/** `count` alternating messages of chat length, the assistant's in Markdown. */
function history(count: number): ConversationMessage[] {
  const messages: ConversationMessage[] = [];
  for (let i = 0; i < count; i++) {
    const turn = Math.floor(i / 2) + 1;
    messages.push(
      i % 2 === 0
        ? { id: `m${i}`, role: 'user', text: `Question ${turn}: how do I keep a long chat smooth?` }
        : {
            id: `m${i}`,
            role: 'assistant',
            text: `**Answer ${turn}.** Mount only the rows on screen, measure them as they render, and keep *settled* messages memoized.\n\n- follow the end while text arrives\n- stop when the reader scrolls up`,
          },
    );
  }
  return messages;
}

interface LongChatProps {
  readonly prior: number;
  readonly tps: number;
}

function LongChat({ prior, tps }: LongChatProps): ReactNode {
  const [initialMessages] = useState(() => history(prior));
  const chat = useConversation({
    url: mockUrl({ protocol: 'openai-chat', preset: 'fast', script: 'long', overrides: { tps } }),
    protocol: 'openai-chat',
    fetch: mockFetch,
    initialMessages,
    body: { model: 'mock-1', stream: true },
  });
  const { send } = chat;
  useEffect(() => {
    send('Write a long answer about streaming interfaces.');
  }, [send]);
  return (
    <div
      style={{ height: '80vh', border: '1px solid #d0d4da', borderRadius: 8 }}
      data-story-chat-status={chat.status}
    >
      <Transcript
        messages={chat.messages}
        getKey={(message) => message.id}
        renderMessage={(message) => <Row message={message} />}
        restoreId="transcript-story"
      />
    </div>
  );
}

const meta = {
  title: 'Transcript',
  component: LongChat,
  args: { prior: 10_000, tps: 1000 },
} satisfies Meta<typeof LongChat>;

export default meta;
type Story = StoryObj<typeof meta>;

/** 10,000 messages, then a ~9,700-token answer streaming at 1,000 tok/s. */
export const TenThousandMessages: Story = {};
