/**
 * Edge shapes real providers send: tool arguments that arrive whole, in the
 * final event with no delta before it (they ended as `{}`), the same final
 * events after deltas (the streamed arguments stand, never doubled), and
 * deltas that are not text.
 */
import { describe, expect, it } from 'vitest';
import { createAISDKAdapter } from './ai-sdk.ts';
import { createAnthropicAdapter } from './anthropic.ts';
import { createOpenAIChatAdapter } from './openai-chat.ts';
import { createOpenAIResponsesAdapter } from './openai-responses.ts';
import { fold, pushSSE } from './test-fold.ts';

const sse = (events: Array<[string, unknown]>) =>
  events
    .map(
      ([event, data]) =>
        `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('');
const data = (chunks: unknown[]) =>
  chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join('');

describe('AI SDK UI stream', () => {
  it('takes tool-input-available`s input when no delta came (a LangGraph resume through the LangChain adapter)', () => {
    const folded = fold(
      pushSSE(
        createAISDKAdapter(),
        data([
          { type: 'tool-input-start', toolCallId: 't1', toolName: 'approve' },
          { type: 'tool-input-available', toolCallId: 't1', toolName: 'approve', input: { ok: true, n: 2 } },
          { type: 'finish' },
          '[DONE]',
        ]),
      ),
    );
    expect(JSON.parse(folded.tools.t1?.args ?? '')).toEqual({ ok: true, n: 2 });
  });

  it('keeps streamed input as it came when tool-input-available repeats it', () => {
    const folded = fold(
      pushSSE(
        createAISDKAdapter(),
        data([
          { type: 'tool-input-start', toolCallId: 't1', toolName: 'search' },
          { type: 'tool-input-delta', toolCallId: 't1', inputTextDelta: '{"q":' },
          { type: 'tool-input-delta', toolCallId: 't1', inputTextDelta: '"cats"}' },
          { type: 'tool-input-available', toolCallId: 't1', toolName: 'search', input: { q: 'cats' } },
          '[DONE]',
        ]),
      ),
    );
    expect(folded.tools.t1?.args).toBe('{"q":"cats"}');
  });
});

describe('OpenAI Responses', () => {
  const added = {
    type: 'response.output_item.added',
    item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'lookup' },
  };
  it('takes the arguments from function_call_arguments.done / output_item.done when no delta came (LM Studio)', () => {
    const folded = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          ['response.output_item.added', added],
          [
            'response.function_call_arguments.done',
            { type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: '{"id":7}' },
          ],
          [
            'response.output_item.done',
            { type: 'response.output_item.done', item: { ...added.item, arguments: '{"id":7}' } },
          ],
          ['response.completed', { type: 'response.completed', response: {} }],
        ]),
      ),
    );
    expect(folded.tools.call_1).toMatchObject({ args: '{"id":7}', ended: true });
  });

  it('takes them from output_item.done alone, and never doubles streamed ones', () => {
    const only = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          ['response.output_item.added', added],
          [
            'response.output_item.done',
            { type: 'response.output_item.done', item: { ...added.item, arguments: '{"id":8}' } },
          ],
        ]),
      ),
    );
    expect(only.tools.call_1?.args).toBe('{"id":8}');
    const streamed = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          ['response.output_item.added', added],
          [
            'response.function_call_arguments.delta',
            { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"id":9}' },
          ],
          [
            'response.function_call_arguments.done',
            { type: 'response.function_call_arguments.done', item_id: 'fc_1', arguments: '{"id":9}' },
          ],
        ]),
      ),
    );
    expect(streamed.tools.call_1?.args).toBe('{"id":9}');
  });
});

describe('Anthropic', () => {
  it('takes a content_block_start input that is not empty when no input_json_delta came', () => {
    const folded = fold(
      pushSSE(
        createAnthropicAdapter(),
        sse([
          ['message_start', { type: 'message_start', message: { id: 'msg', model: 'c' } }],
          [
            'content_block_start',
            {
              type: 'content_block_start',
              index: 0,
              content_block: { type: 'tool_use', id: 'tu_1', name: 'get', input: { city: 'Oslo' } },
            },
          ],
          ['content_block_stop', { type: 'content_block_stop', index: 0 }],
          ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use' } }],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ),
    );
    expect(JSON.parse(folded.tools.tu_1?.args ?? '')).toEqual({ city: 'Oslo' });
  });
});

describe('deltas that are not text', () => {
  it('are ignored by every adapter, never shown as "[object Object]"', () => {
    const aisdk = fold(
      pushSSE(
        createAISDKAdapter(),
        data([{ type: 'text-delta', delta: {} }, { type: 'text-delta', delta: 'ok' }, '[DONE]']),
      ),
    );
    expect(aisdk.text).toBe('ok');
    const responses = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          ['response.output_text.delta', { type: 'response.output_text.delta', delta: 5 }],
          ['response.output_text.delta', { type: 'response.output_text.delta', delta: 'ok' }],
        ]),
      ),
    );
    expect(responses.text).toBe('ok');
    const anthropic = fold(
      pushSSE(
        createAnthropicAdapter(),
        sse([
          [
            'content_block_delta',
            { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: {} } },
          ],
          [
            'content_block_delta',
            { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
          ],
        ]),
      ),
    );
    expect(anthropic.text).toBe('ok');
  });
});

describe('an AI SDK abort chunk', () => {
  it('ends the answer with finish reason aborted, which a UI can tell from a normal end', () => {
    const folded = fold(
      pushSSE(createAISDKAdapter(), data([{ type: 'text-delta', delta: 'Half an ans' }, { type: 'abort' }])),
    );
    expect(folded.text).toBe('Half an ans');
    expect(folded.finish).toEqual({ type: 'finish', reason: 'aborted' });
  });
});

describe('prompt-cache hits in usage', () => {
  it('are cachedInputTokens in every format that reports them, and inputTokens counts every prompt token', () => {
    const chat = fold(
      pushSSE(
        createOpenAIChatAdapter(),
        data([
          { id: 'c1', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }] },
          {
            id: 'c1',
            choices: [],
            usage: {
              prompt_tokens: 2006,
              completion_tokens: 3,
              prompt_tokens_details: { cached_tokens: 1920 },
            },
          },
          '[DONE]',
        ]),
      ),
    );
    expect(chat.finish).toMatchObject({
      usage: { inputTokens: 2006, cachedInputTokens: 1920, outputTokens: 3 },
    });

    const responses = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          [
            'response.completed',
            {
              type: 'response.completed',
              response: {
                usage: {
                  input_tokens: 2006,
                  output_tokens: 3,
                  input_tokens_details: { cached_tokens: 1920 },
                },
              },
            },
          ],
        ]),
      ),
    );
    expect(responses.finish).toMatchObject({ usage: { inputTokens: 2006, cachedInputTokens: 1920 } });

    // Anthropic counts cache reads and writes apart from input_tokens.
    const anthropic = fold(
      pushSSE(
        createAnthropicAdapter(),
        sse([
          [
            'message_start',
            {
              type: 'message_start',
              message: {
                id: 'm',
                usage: {
                  input_tokens: 6,
                  cache_read_input_tokens: 1920,
                  cache_creation_input_tokens: 80,
                  output_tokens: 1,
                },
              },
            },
          ],
          [
            'message_delta',
            { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
          ],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ),
    );
    expect(anthropic.finish).toMatchObject({
      usage: { inputTokens: 2006, cachedInputTokens: 1920, outputTokens: 3 },
    });

    // No cache figure reported: none invented.
    const plain = fold(
      pushSSE(
        createAnthropicAdapter(),
        sse([
          ['message_start', { type: 'message_start', message: { usage: { input_tokens: 6 } } }],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ),
    );
    expect(plain.finish).toMatchObject({ usage: { inputTokens: 6 } });
    expect((plain.finish as { usage: object }).usage).not.toHaveProperty('cachedInputTokens');
  });
});
