import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type UIMessage } from 'ai';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ChatList } from './chat-list.tsx';
import { Markdown } from './markdown.tsx';
import type { PriorMessage } from './prior-messages.ts';
import type { Probe } from './probe.ts';

/** Props of {@link AiSdkChat}. */
export interface AiSdkChatProps {
  readonly url: string;
  readonly prior: readonly PriorMessage[];
  readonly probe: Probe;
  /** `useChat`'s `throttle` (ms); `undefined` is the default: no throttling. */
  readonly throttleMs?: number | undefined;
  /** Called with the function that sends the user message. */
  readonly onReady: (start: () => void) => void;
  /** Every message mounted (the idiomatic page), or the same `<Transcript>` as tokenpaint's. */
  readonly list?: 'plain' | 'virtual';
}

function toUIMessage(message: PriorMessage): UIMessage {
  return { id: message.id, role: message.role, parts: [{ type: 'text', text: message.text }] };
}

function textOf(message: UIMessage): string {
  let text = '';
  for (const part of message.parts) if (part.type === 'text') text += part.text;
  return text;
}

/**
 * The AI SDK's idiomatic chat: `useChat` with a `DefaultChatTransport`, every
 * message rendered from `messages` (what its docs and templates do), Markdown
 * through Streamdown. Only the fetch is tapped, for the first-token timestamp.
 */
export function AiSdkChat({
  url,
  prior,
  probe,
  throttleMs,
  onReady,
  list = 'plain',
}: AiSdkChatProps): ReactNode {
  const [transport] = useState(() => new DefaultChatTransport({ api: url, fetch: probe.fetch }));
  const [initial] = useState(() => prior.map(toUIMessage));
  const { messages, sendMessage, status, error } = useChat({
    messages: initial,
    transport,
    ...(throttleMs === undefined ? {} : { throttle: throttleMs }),
  });
  const sent = useRef(false);

  useEffect(() => {
    onReady(() => {
      sent.current = true;
      void sendMessage({ text: 'Write a long answer about streaming interfaces.' });
    });
  }, [onReady, sendMessage]);

  useEffect(() => {
    if (error) probe.fail(`${error.name}: ${error.message}`);
    else if (sent.current && status === 'ready') {
      const last = messages.at(-1);
      probe.finish(last?.role === 'assistant' ? textOf(last) : '');
    }
  }, [status, error, messages, probe]);

  const answerId = messages.length > prior.length + 1 ? messages.at(-1)?.id : undefined;
  const streaming = status === 'streaming' || status === 'submitted';
  const row = (message: UIMessage): ReactNode => (
    <div className={`message ${message.role}`}>
      {message.parts.map((part, index) =>
        part.type === 'text' ? (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder; the AI SDK's own examples key them by index.
            key={index}
            {...(message.id === answerId ? { 'data-bench-answer': '' } : {})}
          >
            <Markdown text={part.text} streaming={message.id === answerId && streaming} />
          </div>
        ) : null,
      )}
    </div>
  );
  return <ChatList messages={messages} renderRow={row} list={list} impl="ai-sdk" />;
}
