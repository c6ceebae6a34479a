import { describe, expect, it } from 'vitest';
import { createAISDKAdapter } from './ai-sdk.ts';
import { createAnthropicAdapter } from './anthropic.ts';
import { createAdapter, protocolFromHeaders, protocolFromMessage } from './detect.ts';
import { MalformedEventError } from './errors.ts';
import { createOpenAIChatAdapter } from './openai-chat.ts';
import { createOpenAIResponsesAdapter } from './openai-responses.ts';
import * as fx from './test-fixtures.ts';
import { fold, pushSSE } from './test-fold.ts';
import { sse } from './test-sse-body.ts';
import { createTextAdapter } from './text.ts';

describe('openai-chat adapter (documented fixtures)', () => {
  it('streams text and emits finish with usage at [DONE]', () => {
    const adapter = createOpenAIChatAdapter();
    const parts = pushSSE(adapter, fx.OPENAI_CHAT_TEXT);
    const folded = fold(parts);
    expect(folded.text).toBe('Hello there!');
    expect(folded.meta).toEqual({ id: 'chatcmpl-123', model: 'gpt-4o-mini' });
    expect(folded.finish).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 9, outputTokens: 3 },
    });
    expect(adapter.done).toBe(true);
    // The finish_reason chunk alone is not the end: the usage chunk and [DONE] follow.
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('maps parallel tool calls by index to ids and ends every open call at finish_reason', () => {
    const parts = pushSSE(createOpenAIChatAdapter(), fx.OPENAI_CHAT_PARALLEL_TOOLS);
    expect(fold(parts).tools).toEqual({
      call_a: { name: 'get_weather', args: '{"location":"Paris"}', ended: true },
      call_b: { name: 'get_time', args: '{"tz":"CET"}', ended: true },
    });
    const ends = parts.filter((p) => p.type === 'tool-call-end');
    const finishAt = parts.findIndex((p) => p.type === 'finish');
    expect(ends).toHaveLength(2);
    expect(parts.indexOf(ends[1]!)).toBeLessThan(finishAt);
    expect(fold(parts).finish).toEqual({ type: 'finish', reason: 'tool-calls' });
  });

  it('splits parallel calls that reuse one index (Ollama, Gemini proxies) by their ids', () => {
    const call = (fields: object) => ({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...fields }] } }],
    });
    const parts = pushSSE(
      createOpenAIChatAdapter(),
      sse([
        [undefined, call({ id: 'call_a', function: { name: 'write', arguments: '{"path":' } })],
        [undefined, call({ function: { arguments: '"a.py"}' } })],
        [undefined, call({ id: 'call_b', function: { name: 'write', arguments: '{"path":"b.py"}' } })],
        [undefined, call({ id: 'call_b', function: { arguments: '' } })],
        [undefined, '[DONE]'],
      ]),
    );
    expect(fold(parts).tools).toEqual({
      call_a: { name: 'write', args: '{"path":"a.py"}', ended: true },
      call_b: { name: 'write', args: '{"path":"b.py"}', ended: true },
    });
  });

  it('keeps follow-up deltas whose id is null or "" on their call (SGLang, DashScope)', () => {
    const call = (fields: object) => ({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...fields }] } }],
    });
    for (const id of [null, '']) {
      const parts = pushSSE(
        createOpenAIChatAdapter(),
        sse([
          [
            undefined,
            call({ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '' } }),
          ],
          [undefined, call({ id, function: { name: null, arguments: '{"city":' } })],
          [undefined, call({ id, function: { name: null, arguments: '"Paris"}' } })],
          [undefined, '[DONE]'],
        ]),
      );
      expect(fold(parts).tools).toEqual({
        call_abc: { name: 'get_weather', args: '{"city":"Paris"}', ended: true },
      });
    }
  });

  it('turns an in-stream error object into an error part and stops', () => {
    const adapter = createOpenAIChatAdapter();
    const folded = fold(pushSSE(adapter, fx.OPENAI_CHAT_ERROR));
    expect(folded.text).toBe('Par');
    expect(folded.errors).toEqual([
      { type: 'error', message: 'The server had an error', code: 'server_error' },
    ]);
    expect(adapter.done).toBe(true);
  });

  it('throws MalformedEventError with an excerpt for invalid JSON', () => {
    const adapter = createOpenAIChatAdapter();
    expect(() => adapter.push({ event: 'message', data: '{"choices":[{"delta":{"content":"x"' })).toThrow(
      MalformedEventError,
    );
    expect(() => adapter.push({ event: 'message', data: '42' })).toThrow(/expected a JSON object/);
  });
});

describe('anthropic adapter (documented fixtures)', () => {
  it('streams the basic text example', () => {
    const adapter = createAnthropicAdapter();
    const folded = fold(pushSSE(adapter, fx.ANTHROPIC_TEXT));
    expect(folded.text).toBe('Hello!');
    expect(folded.meta).toEqual({ id: 'msg_1nZd', model: 'claude-opus-4-6' });
    expect(folded.finish).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { inputTokens: 25, outputTokens: 15 },
    });
    expect(adapter.done).toBe(true);
  });

  it('maps thinking to reasoning and input_json_delta to tool-call deltas', () => {
    const folded = fold(pushSSE(createAnthropicAdapter(), fx.ANTHROPIC_THINKING_TOOL));
    expect(folded.reasoning).toBe('I need the weather. Call the tool.');
    expect(folded.text).toBe('Checking.');
    expect(folded.tools).toEqual({
      toolu_01T1: { name: 'get_weather', args: '{"location": "San Francisco, CA"}', ended: true },
    });
    expect(folded.finish).toMatchObject({ reason: 'tool-calls' });
  });

  it('gives a tool without parameters the input {} (no input_json_delta, or an empty one)', () => {
    const start = (index: number, id: string) => ({
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id, name: 'now', input: {} },
    });
    const parts = pushSSE(
      createAnthropicAdapter(),
      sse([
        ['message_start', { type: 'message_start', message: { id: 'msg_1' } }],
        ['content_block_start', start(0, 'toolu_a')],
        [
          'content_block_delta',
          { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
        ],
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        ['content_block_start', start(1, 'toolu_b')],
        ['message_stop', { type: 'message_stop' }],
      ]),
    );
    const { tools } = fold(parts);
    expect(tools.toolu_a).toEqual({ name: 'now', args: '{}', ended: true });
    expect(tools.toolu_b).toEqual({ name: 'now', args: '{}', ended: true });
  });

  it('keeps the input tokens of message_start when message_delta reports them as null', () => {
    const folded = fold(
      pushSSE(
        createAnthropicAdapter(),
        sse([
          [
            'message_start',
            {
              type: 'message_start',
              message: { id: 'msg_1', usage: { input_tokens: 10, output_tokens: 1 } },
            },
          ],
          [
            'message_delta',
            {
              type: 'message_delta',
              delta: { stop_reason: 'end_turn' },
              usage: { input_tokens: null, output_tokens: 5 },
            },
          ],
          ['message_stop', { type: 'message_stop' }],
        ]),
      ),
    );
    expect(folded.finish).toMatchObject({ usage: { inputTokens: 10, outputTokens: 5 } });
  });

  it('reports an error event with its type as code', () => {
    const folded = fold(pushSSE(createAnthropicAdapter(), fx.ANTHROPIC_ERROR));
    expect(folded.text).toBe('Par');
    expect(folded.errors).toEqual([{ type: 'error', message: 'Overloaded', code: 'overloaded_error' }]);
  });
});

describe('openai-responses adapter (documented fixtures)', () => {
  it('maps reasoning summary, text and a function call keyed by call_id', () => {
    const adapter = createOpenAIResponsesAdapter();
    const folded = fold(pushSSE(adapter, fx.OPENAI_RESPONSES));
    expect(folded.reasoning).toBe('Weighing options.');
    expect(folded.text).toBe('Hi there.');
    expect(folded.tools).toEqual({
      call_9: { name: 'get_weather', args: '{"location":"Paris"}', ended: true },
    });
    expect(folded.finish).toEqual({
      type: 'finish',
      reason: 'tool-calls',
      usage: { inputTokens: 36, outputTokens: 87, reasoningTokens: 64 },
    });
    expect(adapter.done).toBe(true);
  });

  it('reads an error event in the shape the API sends (message and code nested under error)', () => {
    const nested = {
      type: 'error',
      sequence_number: 2,
      error: {
        type: 'too_many_requests',
        code: 'too_many_requests',
        message: 'Too Many Requests',
        param: null,
      },
    };
    const folded = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          ['response.output_text.delta', { type: 'response.output_text.delta', item_id: 'm', delta: 'Hi' }],
          ['error', nested],
        ]),
      ),
    );
    expect(folded.errors).toEqual([
      { type: 'error', message: 'Too Many Requests', code: 'too_many_requests' },
    ]);
    expect(protocolFromMessage({ event: 'error', data: JSON.stringify(nested) })).toBe('openai-responses');
  });

  it('separates reasoning summary parts with a blank line', () => {
    const delta = (summary_index: number, text: string) => ({
      type: 'response.reasoning_summary_text.delta',
      item_id: 'rs_1',
      output_index: 0,
      summary_index,
      delta: text,
    });
    const folded = fold(
      pushSSE(
        createOpenAIResponsesAdapter(),
        sse([
          [undefined, delta(0, 'First ')],
          [undefined, delta(0, 'thought.')],
          [undefined, delta(1, '**Next**')],
        ]),
      ),
    );
    expect(folded.reasoning).toBe('First thought.\n\n**Next**');
  });

  it('maps response.incomplete(max_output_tokens) to length', () => {
    expect(fold(pushSSE(createOpenAIResponsesAdapter(), fx.OPENAI_RESPONSES_INCOMPLETE)).finish).toEqual({
      type: 'finish',
      reason: 'length',
    });
  });
});

describe('ai-sdk adapter (documented fixtures)', () => {
  it('maps text, reasoning, streamed tool input, tool output and finish', () => {
    const adapter = createAISDKAdapter();
    const folded = fold(pushSSE(adapter, fx.AI_SDK_STREAM));
    expect(folded.text).toBe('Let me check.');
    expect(folded.reasoning).toBe('Think.');
    expect(folded.tools).toEqual({
      call_fJdQ: {
        name: 'getWeatherInformation',
        args: '{"city":"San Francisco"}',
        ended: true,
        result: { weather: 'sunny' },
      },
    });
    expect(folded.finish).toEqual({ type: 'finish', reason: 'stop' });
    expect(adapter.done).toBe(true);
  });

  it('synthesizes start and args for a tool input given whole', () => {
    const adapter = createAISDKAdapter();
    const data = JSON.stringify({
      type: 'tool-input-available',
      toolCallId: 't1',
      toolName: 'sum',
      input: { a: 1 },
    });
    expect(adapter.push({ event: 'message', data })).toEqual([
      { type: 'tool-call-start', id: 't1', name: 'sum' },
      { type: 'tool-call-delta', id: 't1', argsDelta: '{"a":1}' },
      { type: 'tool-call-end', id: 't1' },
    ]);
  });
});

describe('text adapter', () => {
  it('passes chunks through and finishes at end of body', () => {
    const adapter = createTextAdapter();
    expect(adapter.push({ event: 'message', data: 'Hi' })).toEqual([{ type: 'text-delta', delta: 'Hi' }]);
    expect(adapter.done).toBe(false);
    expect(adapter.end?.()).toEqual([{ type: 'finish', reason: 'stop' }]);
    expect(adapter.done).toBe(true);
  });
});

describe('protocol detection', () => {
  const first = (text: string) => {
    const match = /^(?:event: (.*)\n)?data: (.*)$/m.exec(text)!;
    return { event: match[1] ?? 'message', data: match[2]! };
  };

  it('detects each documented format from its first event', () => {
    expect(protocolFromMessage(first(fx.OPENAI_CHAT_TEXT))).toBe('openai-chat');
    expect(protocolFromMessage(first(fx.ANTHROPIC_TEXT))).toBe('anthropic');
    expect(protocolFromMessage(first(fx.OPENAI_RESPONSES))).toBe('openai-responses');
    expect(protocolFromMessage(first(fx.AI_SDK_STREAM))).toBe('ai-sdk');
    // Without event names (a proxy that drops them), the data still tells.
    expect(protocolFromMessage({ event: 'message', data: first(fx.ANTHROPIC_TEXT).data })).toBe('anthropic');
    expect(protocolFromMessage({ event: 'message', data: first(fx.OPENAI_RESPONSES).data })).toBe(
      'openai-responses',
    );
    expect(protocolFromMessage({ event: 'message', data: 'hello' })).toBeUndefined();
  });

  it('detects Azure OpenAI (first chunk has object "") and AI SDK streams that begin with custom data', () => {
    const azureFirst = {
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
    };
    expect(protocolFromMessage({ event: 'message', data: JSON.stringify(azureFirst) })).toBe('openai-chat');
    const data = { type: 'data-weather', data: { city: 'Paris' } };
    expect(protocolFromMessage({ event: 'message', data: JSON.stringify(data) })).toBe('ai-sdk');
    const metadata = { type: 'message-metadata', messageMetadata: { createdAt: 1 } };
    expect(protocolFromMessage({ event: 'message', data: JSON.stringify(metadata) })).toBe('ai-sdk');
  });

  it('detects an AI SDK stream whatever chunk it opens with (sources, files, a bare finish…)', () => {
    const firsts = [
      { type: 'source-url', sourceId: 's1', url: 'https://example.com' },
      { type: 'source-document', sourceId: 's2', mediaType: 'text/plain', title: 'Doc' },
      { type: 'file', url: 'data:,', mediaType: 'text/plain' },
      { type: 'finish' },
      { type: 'reasoning-delta', id: 'r', delta: 'x' },
      { type: 'tool-output-available', toolCallId: 'c', output: 1 },
      { type: 'abort' },
    ];
    for (const first of firsts)
      expect(protocolFromMessage({ event: 'message', data: JSON.stringify(first) }), first.type).toBe(
        'ai-sdk',
      );
  });

  it('detects text and ai-sdk from headers', () => {
    expect(protocolFromHeaders(new Headers({ 'content-type': 'text/plain; charset=utf-8' }))).toBe('text');
    expect(
      protocolFromHeaders(
        new Headers({ 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' }),
      ),
    ).toBe('ai-sdk');
    expect(protocolFromHeaders(new Headers({ 'content-type': 'text/event-stream' }))).toBeUndefined();
  });

  it('creates an adapter per protocol', () => {
    for (const p of ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk', 'text'] as const) {
      expect(createAdapter(p).protocol).toBe(p);
    }
  });
});
