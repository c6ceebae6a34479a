import { memo, type ReactNode, useCallback, useEffect, useState } from 'react';
import { ChatList } from './chat-list.tsx';
import { Markdown } from './markdown.tsx';
import type { PriorMessage } from './prior-messages.ts';
import type { Probe } from './probe.ts';

/** Props of {@link NaiveChat}. */
export interface NaiveChatProps {
  readonly url: string;
  readonly prior: readonly PriorMessage[];
  readonly probe: Probe;
  readonly onReady: (start: () => void) => void;
  readonly list: 'plain' | 'virtual';
}

interface Message {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly answer?: boolean;
}

/** The text deltas in one chunk of an AI SDK UI message stream (`data: {"type":"text-delta",…}` events). */
function textDeltas(events: string[]): string {
  let text = '';
  for (const event of events) {
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '' || data === '[DONE]') continue;
    const part = JSON.parse(data) as { type?: string; delta?: string };
    if (part.type === 'text-delta' && typeof part.delta === 'string') text += part.delta;
  }
  return text;
}

const Row = memo(function Row({ message, streaming }: { message: Message; streaming: boolean }): ReactNode {
  return (
    <div className={`message ${message.role}`}>
      <div {...(message.answer ? { 'data-bench-answer': '' } : {})}>
        <Markdown text={message.text} streaming={message.answer === true && streaming} />
      </div>
    </div>
  );
});

/**
 * The baseline a chat starts from without a streaming library: `fetch`, a
 * hand-split SSE body, and a React state update for every text delta, the
 * answer re-rendered with Streamdown each time. Prior messages are the same
 * memoized rows as on the other pages.
 */
export function NaiveChat({ url, prior, probe, onReady, list }: NaiveChatProps): ReactNode {
  const [messages, setMessages] = useState<Message[]>(() => prior.map((m) => ({ ...m })));
  const [streaming, setStreaming] = useState(false);

  const send = useCallback(async () => {
    const question: Message = {
      id: 'question',
      role: 'user',
      text: 'Write a long answer about streaming interfaces.',
    };
    setMessages((all) => [...all, question, { id: 'answer', role: 'assistant', text: '', answer: true }]);
    setStreaming(true);
    try {
      const response = await probe.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: question.text }] }),
      });
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        // A state update per token: each delta is its own setState, as a hand-rolled loop does.
        for (const delta of textDeltas(events).match(/\S*\s*/g) ?? []) {
          if (delta === '') continue;
          text += delta;
          const now = text;
          setMessages((all) => [
            ...all.slice(0, -1),
            { id: 'answer', role: 'assistant', text: now, answer: true },
          ]);
        }
      }
      setStreaming(false);
      probe.finish(text);
    } catch (error) {
      probe.fail(String(error));
    }
  }, [url, probe]);

  useEffect(() => {
    onReady(() => void send());
  }, [onReady, send]);

  const renderRow = (message: Message): ReactNode => <Row message={message} streaming={streaming} />;
  return <ChatList messages={messages} renderRow={renderRow} list={list} impl="naive" />;
}
