import {
  type ConversationMessage,
  StreamingMarkdown,
  StreamingMessage,
  type StreamingMessageComponents,
  type TextProps,
  useConversation,
} from '@tokenpaint/react';
import { memo, type ReactNode, useCallback, useEffect, useState } from 'react';
import { ChatList } from './chat-list.tsx';
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
  /** The answer's Markdown renderer: tokenpaint's own (its default) or Streamdown, as the AI SDK side uses. */
  readonly answer?: 'tokenpaint' | 'streamdown';
  /** `<Transcript>` (the idiomatic page), or every message mounted, as the AI SDK's page does. */
  readonly list?: 'plain' | 'virtual';
}

/** The `Text` slot with tokenpaint's Markdown, marked for the probe (`data-bench-answer`). */
function TokenpaintAnswer({ text, streaming }: TextProps): ReactNode {
  return (
    <div data-tp-part="text" data-tp-format="markdown" data-bench-answer="">
      <StreamingMarkdown text={text} streaming={streaming} />
    </div>
  );
}

/** The `Text` slot with Streamdown, the renderer the AI SDK side uses. */
function StreamdownAnswer({ text, streaming }: TextProps): ReactNode {
  return (
    <div data-tp-part="text" data-bench-answer="">
      <Markdown text={text} streaming={streaming} />
    </div>
  );
}

const COMPONENTS: Record<'tokenpaint' | 'streamdown', Partial<StreamingMessageComponents>> = {
  tokenpaint: { Text: TokenpaintAnswer },
  streamdown: { Text: StreamdownAnswer },
};

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
function LiveMessage({
  message,
  components,
}: {
  message: ConversationMessage;
  components: Partial<StreamingMessageComponents>;
}): ReactNode {
  return (
    <div className="message assistant">
      {message.run && <StreamingMessage run={message.run} components={components} />}
    </div>
  );
}

/** A settled message or the live answer: the one row renderer of the transcript. */
function Row({
  message,
  components,
}: {
  message: ConversationMessage;
  components: Partial<StreamingMessageComponents>;
}): ReactNode {
  return message.role === 'assistant' && message.run ? (
    <LiveMessage message={message} components={components} />
  ) : (
    <SettledMessage message={message} />
  );
}

/**
 * Idiomatic tokenpaint: `useConversation` for the chat, every message in a
 * `<Transcript>` (virtualized: only the rows on screen exist; it follows the
 * answer as it grows), the prior ones memoized, and the answer in
 * `<StreamingMessage run>` with `answer`'s Markdown renderer in its `Text` slot.
 */
export function TokenpaintChat({
  url,
  prior,
  probe,
  onReady,
  answer = 'tokenpaint',
  list = 'virtual',
}: TokenpaintChatProps): ReactNode {
  const components = COMPONENTS[answer];
  const renderRow = useCallback(
    (message: ConversationMessage): ReactNode => <Row message={message} components={components} />,
    [components],
  );
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

  const impl = answer === 'tokenpaint' ? 'tokenpaint' : 'tokenpaint-streamdown';
  return <ChatList messages={messages} renderRow={renderRow} list={list} impl={impl} />;
}
