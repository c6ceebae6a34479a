import { render, waitFor } from '@testing-library/react';
import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { StreamingMessage } from './streaming-message.tsx';

/** The real run (`startStream`) against the in-process mock LLM, with the browser's frame scheduler. */
function countingFetch() {
  const mock = createMockFetch();
  const requests: Request[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests.push(new Request(new URL(String(input), 'http://mock-llm.local'), init));
    return mock(input, init);
  };
  return { fetch, requests };
}

const part = (container: HTMLElement, name: string) => container.querySelector(`[data-tp-part="${name}"]`);
const body = { model: 'mock', stream: true, messages: [{ role: 'user', content: 'Hi' }] };

describe('<StreamingMessage> on a real run', () => {
  it('streams the script to the end, once, under StrictMode', async () => {
    const { fetch, requests } = countingFetch();
    const { container } = render(
      <StrictMode>
        <StreamingMessage
          url="/v1/chat/completions?preset=instant"
          body={body}
          fetch={fetch}
          protocol="openai-chat"
        />
      </StrictMode>,
    );
    expect(part(container, 'skeleton')).not.toBeNull();
    await waitFor(() => expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('done'));
    expect(part(container, 'text')?.textContent).toBe(SCRIPTS.text.text);
    expect(requests).toHaveLength(1);
  });

  it('renders streamed tool-call arguments through ToolCallView', async () => {
    const { fetch } = countingFetch();
    const { container } = render(
      <StreamingMessage
        url="/v1/chat/completions?preset=instant&script=tool-call"
        body={body}
        fetch={fetch}
      />,
    );
    await waitFor(() => expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('done'));
    const call = SCRIPTS['tool-call'].toolCalls[0];
    const view = part(container, 'tool-call');
    expect(view?.getAttribute('data-tp-tool')).toBe(call?.name);
    expect(view?.querySelector('[data-tp-part="caret"]')).toBeNull();
    const args = JSON.parse(call?.arguments ?? '{}') as Record<string, unknown>;
    const keys = [
      ...(view?.querySelectorAll('[data-tp-part="tool-args"] > dl > [data-tp-part="json-entry"] > dt') ?? []),
    ];
    expect(keys.map((k) => k.textContent)).toEqual(Object.keys(args));
  });

  it('aborts the request on unmount', async () => {
    const { fetch, requests } = countingFetch();
    const { container, unmount } = render(
      <StreamingMessage
        url="/v1/chat/completions?preset=typical&ttft=10&script=long"
        body={body}
        fetch={fetch}
      />,
    );
    await waitFor(() => expect(requests).toHaveLength(1));
    await waitFor(() => expect(part(container, 'text')).not.toBeNull(), { timeout: 4000 });
    unmount();
    expect(requests[0]?.signal.aborted).toBe(true);
  });
});
