import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type ConversationMessage,
  StreamingMessage,
  type StreamingMessageComponents,
  type TextProps,
  useConversation,
} from '@tokenpaint/react';
import { memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { Markdown } from './markdown.tsx';
import type { PriorMessage } from './prior-messages.ts';
import type { Probe } from './probe.ts';
import { useStickToBottom } from './use-stick-to-bottom.ts';

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

/** The new turn: the user's message, then the streamed answer following its run. */
function LiveMessage({ message }: { message: ConversationMessage }): ReactNode {
  if (message.role === 'assistant' && message.run) {
    return (
      <div className="message assistant">
        <StreamingMessage run={message.run} components={components} />
      </div>
    );
  }
  return <SettledMessage message={message} />;
}

/**
 * Idiomatic tokenpaint: `useConversation` for the chat, the prior messages in a
 * TanStack virtual list (only the rows on screen exist) of memoized rows, and the
 * answer in `<StreamingMessage run>` with Streamdown in its `Text` slot.
 */
export function TokenpaintChat({ url, prior, probe, onReady }: TokenpaintChatProps): ReactNode {
  const [initialMessages] = useState<ConversationMessage[]>(() =>
    prior.map((m) => ({ id: m.id, role: m.role, text: m.text })),
  );
  const chat = useConversation({ url, protocol: 'ai-sdk', fetch: probe.fetch, initialMessages });
  const { send, status, messages } = chat;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: prior.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 3,
  });
  // After the virtualizer: its layout effect restores its own (initial, top) offset, and this one must win.
  useStickToBottom(scroller, content);

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

  const live = messages.slice(prior.length);
  return (
    <div ref={scroller} className="chat" data-impl="tokenpaint">
      <div ref={content}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
              }}
            >
              <SettledMessage message={messages[row.index] as ConversationMessage} />
            </div>
          ))}
        </div>
        {live.map((message) => (
          <LiveMessage key={message.id} message={message} />
        ))}
      </div>
    </div>
  );
}
