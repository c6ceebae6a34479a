import { fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useConversation } from '../hooks/use-conversation.ts';
import { Composer } from './composer.tsx';
import { StreamingMessage } from './streaming-message.tsx';

/** A fetch that never answers: whatever shows after a submit showed before any response. */
const pendingFetch = (() => new Promise<Response>(() => undefined)) as typeof fetch;

function Chat(): ReactNode {
  const chat = useConversation({ url: '/v1/chat/completions', fetch: pendingFetch });
  return (
    <>
      <ol>
        {chat.messages.map((message) => (
          <li key={message.id} data-role={message.role}>
            {message.run ? <StreamingMessage run={message.run} /> : message.text}
          </li>
        ))}
      </ol>
      <Composer onSend={chat.send} onStop={chat.stop} onIntent={chat.warm} busy={chat.running} />
    </>
  );
}

describe('<Composer> with useConversation', () => {
  it("commits the user's message and the answer's skeleton within the submit event, before fetch answers", () => {
    const { container } = render(<Chat />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'Why so fast?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    // No act() flush, no await: React renders a discrete event's update before the event returns.
    expect(container.querySelector('[data-role="user"]')?.textContent).toBe('Why so fast?');
    expect(container.querySelector('[data-role="assistant"] [data-tp-part="skeleton"]')).not.toBeNull();
    const stop = container.querySelector<HTMLButtonElement>('[data-tp-part="composer-stop"]');
    expect(stop?.textContent).toBe('Stop');
    fireEvent.click(stop!);
    expect(container.querySelector('[data-tp-part="composer-send"]')).not.toBeNull();
  });
});
