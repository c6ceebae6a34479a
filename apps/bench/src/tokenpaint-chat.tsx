import {
  type ConversationMessage,
  StreamingMessage,
  type StreamingMessageComponents,
  type TextProps,
  Transcript,
  useConversation,
} from '@tokenpaint/react';
import { memo, type ReactNode, useEffect, useState } from 'react';
import { Markdown } from './markdown.tsx';
import type { PriorMessage } from './prior-messages.ts';
import type { Probe } from './probe.ts';

/** Props of {@link TokenpaintChat}. */
export interface TokenpaintChatProps {
  readonly url: string;
  readonly prior: readonly PriorMessage[];
  readonly probe: Probe;
  /** Called with the function that sends the user message. */
  readonly onReady: (start: () => void) => void;
}

/** A first guess at a prior message's height; rows are measured once rendered. */
const ESTIMATED_ROW_PX = 180;

/** The `Text` slot: the streamed answer through the shared Markdown renderer. */
function AnswerText({ text, streaming }: TextProps): ReactNode {
  return (
    <div data-tp-part="text" data-bench-answer="">
      <Markdown text={text} streaming={streaming} />
    </div>
  );
}

const components: Partial<StreamingMessageComponents> = { Text: AnswerText };

/** One settled message; memoized, so the list re-rendering per frame does not re-render it. */
const SettledMessage = memo(function SettledMessage({
  message,
}: {
  message: ConversationMessage;
}): ReactNode {
  return (
    <div className={`message ${message.role}`}>
      <Markdown text={message.text} streaming={false} />
    </div>
  );
});

/** The streamed answer, following its run. */
function LiveMessage({ message }: { message: ConversationMessage }): ReactNode {
  return (
    <div className="message assistant">
      {message.run && <StreamingMessage run={message.run} components={components} />}
    </div>
  );
}

/** A settled message or the live answer: the one row renderer of the transcript. */
function Row({ message }: { message: ConversationMessage }): ReactNode {
  return message.role === 'assistant' && message.run ? (
    <LiveMessage message={message} />
  ) : (
    <SettledMessage message={message} />
  );
}

const keyOf = (message: ConversationMessage): string => message.id;
const renderRow = (message: ConversationMessage): ReactNode => <Row message={message} />;

/**
 * Idiomatic tokenpaint: `useConversation` for the chat, every message in a
 * `<Transcript>` (virtualized: only the rows on screen exist; it follows the
 * answer as it grows), the prior ones memoized, and the answer in
 * `<StreamingMessage run>` with Streamdown in its `Text` slot.
 */
export function TokenpaintChat({ url, prior, probe, onReady }: TokenpaintChatProps): ReactNode {
  const [initialMessages] = useState<ConversationMessage[]>(() =>
    prior.map((m) => ({ id: m.id, role: m.role, text: m.text })),
  );
  const chat = useConversation({ url, protocol: 'ai-sdk', fetch: probe.fetch, initialMessages });
  const { send, status, messages } = chat;

  useEffect(() => {
    onReady(() => send('Write a long answer about streaming interfaces.'));
  }, [onReady, send]);

  useEffect(() => {
    const last = messages.at(-1);
    if (status === 'error') probe.fail(last?.error ? `${last.error.name}: ${last.error.message}` : 'error');
    else if (status === 'done' && last) {
      const firstToken = last.run?.getSnapshot().timing.firstToken;
      if (firstToken !== undefined) probe.setLibraryFirstToken(firstToken);
      probe.finish(last.text);
    }
  }, [status, messages, probe]);

  return (
    <div className="chat chat--transcript" data-impl="tokenpaint">
      <Transcript
        messages={messages}
        getKey={keyOf}
        renderMessage={renderRow}
        estimateSize={ESTIMATED_ROW_PX}
        overscan={3}
      />
    </div>
  );
}
