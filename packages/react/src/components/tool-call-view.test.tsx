import { render, waitFor } from '@testing-library/react';
import { startStream, type ToolCallSnapshot } from '@tokenpaint/core';
import { createFakeRun } from '@tokenpaint/core/testing';
import { describe, expect, it } from 'vitest';
import { paths } from '../test-utils/paths.ts';
import { actNow, renderWithClock } from '../test-utils/render-with-clock.tsx';
import { StreamingMessage } from './streaming-message.tsx';
import { ToolCallView } from './tool-call-view.tsx';

const call = (patch: Partial<ToolCallSnapshot>): ToolCallSnapshot => ({
  id: 'c1',
  name: 'search',
  argsText: '',
  args: undefined,
  state: 'streaming-args',
  completedPaths: paths(),
  ...patch,
});

const carets = (root: ParentNode) =>
  [...root.querySelectorAll('[data-tp-part="caret"]')].map(
    (c) => c.closest('[data-tp-part="json-entry"]')?.querySelector('dt')?.textContent ?? '(root)',
  );

describe('<ToolCallView>', () => {
  it('renders partial arguments as nested key/values with a caret only on the growing field', () => {
    const args = { query: 'cats', filters: { year: 20 } };
    const { container } = render(<ToolCallView call={call({ args, completedPaths: paths(['query']) })} />);
    expect(container.querySelector('[data-tp-part="tool-name"]')?.textContent).toBe('search');
    const keys = [...container.querySelectorAll('dt')].map((d) => d.textContent);
    expect(keys).toEqual(['query', 'filters', 'year']);
    expect(carets(container)).toEqual(['year']);
  });

  it('says a tool the provider runs is run by the provider, and marks a failed result', () => {
    const { container, rerender } = render(
      <ToolCallView call={call({ name: 'web_search', providerExecuted: true, args: { query: 'tok' } })} />,
    );
    const root = container.querySelector('[data-tp-part="tool-call"]');
    expect(root?.hasAttribute('data-tp-provider-executed')).toBe(true);
    expect(container.querySelector('[data-tp-part="tool-name"]')?.textContent).toBe(
      'web_search · run by the provider',
    );
    rerender(
      <ToolCallView
        call={call({
          name: 'create_issue',
          providerExecuted: true,
          state: 'result',
          result: 'denied',
          isError: true,
        })}
      />,
    );
    expect(container.querySelector('[data-tp-part="tool-result"]')?.hasAttribute('data-tp-error')).toBe(true);
    rerender(<ToolCallView call={call({ name: 'lookup' })} />);
    expect(container.querySelector('[data-tp-part="tool-provider"]')).toBeNull();
    expect(root?.hasAttribute('data-tp-provider-executed')).toBe(false);
  });

  it("shows a provider's generated image as an image, and nothing else as one", () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const image = (patch: Partial<ToolCallSnapshot>, provider = true) =>
      render(
        <ToolCallView
          call={call({
            name: 'image_generation',
            ...(provider && { providerExecuted: true as const }),
            state: 'result',
            result: png,
            ...patch,
          })}
        />,
      ).container.querySelector('img[data-tp-part="tool-image"]');
    expect(image({})?.getAttribute('src')).toBe(`data:image/png;base64,${png}`);
    expect(image({}, false)).toBeNull(); // the app's own tool named the same
    expect(image({ result: 'javascript:alert(1)' })).toBeNull();
    expect(image({ result: 'https://evil.example/x.png' })).toBeNull();
    expect(image({ isError: true })).toBeNull();
  });

  it('drops the caret of a field completed in a snapshot that was never committed', () => {
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    view.rerender(<StreamingMessage run={run} />);
    actNow(() => run.setToolCall(call({ argsText: '{"q":"a', args: { q: 'a' } })));
    expect(carets(view.container)).toEqual(['q']);
    actNow(() => {
      run.setToolCall(call({ argsText: '{"q":"ab"', args: { q: 'ab' }, completedPaths: paths(['q']) }));
      // Cumulative, as the core's snapshots are: `q` stays completed in the next one.
      run.setToolCall(call({ argsText: '{"q":"ab",', args: { q: 'ab' }, completedPaths: paths(['q']) }));
    });
    view.tick();
    // `q` lost its caret; the object is still open (a next field may come), so it keeps one.
    expect(carets(view.container)).toEqual(['(root)']);
    expect(view.container.querySelector('dd')?.textContent).toBe('ab');
  });

  it('keeps a caret on an open container between two fields, where nothing else is growing', () => {
    const between = render(
      <ToolCallView
        call={call({
          args: { query: 'cats', opts: { deep: true } },
          completedPaths: paths(['query'], ['opts', 'deep']),
        })}
      />,
    );
    expect(carets(between.container)).toEqual(['opts']); // inside `opts`, after `deep`
    const list = render(
      <ToolCallView
        call={call({
          args: { ids: [1, 2] },
          completedPaths: paths(['ids', 0], ['ids', 1]),
        })}
      />,
    );
    expect(carets(list.container)).toEqual(['ids']);
    const growing = render(
      <ToolCallView call={call({ args: { ids: [1, 2] }, completedPaths: paths(['ids', 0]) })} />,
    );
    expect(carets(growing.container)).toEqual(['ids']); // on the number 2 itself, which may grow
    expect(
      growing.container.querySelector('[data-tp-part="caret"]')?.parentElement?.getAttribute('data-tp-part'),
    ).toBe('json-value');
  });

  it('shows the result and the validation error, and no caret once arguments are complete', () => {
    const { container } = render(
      <ToolCallView
        call={call({
          args: { q: 'x' },
          state: 'result',
          result: { hits: 3 },
          error: new Error('q is too short'),
        })}
      />,
    );
    expect(carets(container)).toEqual([]);
    expect(container.querySelector('[data-tp-part="tool-result"]')?.textContent).toBe('hits3');
    expect(container.querySelector('[data-tp-part="tool-error"]')?.textContent).toBe('q is too short');
    expect(container.querySelector('[data-tp-part="tool-call"]')?.getAttribute('data-tp-state')).toBe(
      'result',
    );
  });

  it('skips re-rendering when the call keeps its identity, and finished subtrees when it changes', () => {
    // A getter counts how often the finished subtree is read, i.e. rendered.
    let reads = 0;
    const done = Object.freeze({
      get a() {
        reads++;
        return 1;
      },
    });
    const first = call({ args: { done, title: 'He' } });
    const { rerender, container } = render(<ToolCallView call={first} />);
    expect(reads).toBe(1);
    rerender(<ToolCallView call={first} />);
    expect(reads).toBe(1);
    rerender(<ToolCallView call={call({ args: { done, title: 'Hello' } })} />);
    expect(reads).toBe(1);
    expect(carets(container)).toEqual(['title']);
    // The probe works: a new object at the same place is rendered.
    const replaced = Object.freeze({
      get a() {
        reads++;
        return 2;
      },
    });
    rerender(<ToolCallView call={call({ args: { done: replaced, title: 'Hello' } })} />);
    expect(reads).toBe(2);
  });

  it('mounted in the middle of a call, shows the paths completed before it mounted (a real run)', async () => {
    const encoder = new TextEncoder();
    let push!: (line: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (data) => controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        end = () => controller.close();
      },
    });
    const fetch = (async () =>
      new Response(body, {
        headers: { 'content-type': 'text/event-stream' },
      })) as unknown as typeof globalThis.fetch;
    const delta = (toolCall: object) =>
      JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [toolCall] } }] });
    const run = startStream({ url: 'http://llm/v1/chat/completions', protocol: 'openai-chat', fetch });
    push(
      delta({ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }),
    );
    push(delta({ index: 0, function: { arguments: '{"city":"Paris","days":3,"note":"war' } }));
    await waitFor(() => expect(run.getSnapshot().toolCalls[0]?.args).toMatchObject({ note: 'war' }));

    // Mounted only now: every snapshot that completed `city` and `days` came before it.
    const { container } = render(<StreamingMessage run={run} />);
    expect(carets(container)).toEqual(['note']);

    push(delta({ index: 0, function: { arguments: 'm"}' } }));
    push(JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }));
    push('[DONE]');
    end();
    await run.done;
    await waitFor(() => expect(carets(container)).toEqual([]));
  });
});
