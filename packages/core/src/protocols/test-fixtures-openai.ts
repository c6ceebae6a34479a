/**
 * OpenAI Chat Completions and Responses wire fixtures hand-written from the provider's streaming documentation
 * (shapes, field names and event order as documented; ids shortened). Test-only.
 */
import { sse } from './test-sse-body.ts';

const chunk = (delta: object, finish: string | null = null) => ({
  id: 'chatcmpl-123',
  object: 'chat.completion.chunk',
  created: 1694268190,
  model: 'gpt-4o-mini',
  system_fingerprint: 'fp_44709d6fcb',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

/** Chat Completions: text, then the `include_usage` chunk (empty choices), then [DONE]. */
export const OPENAI_CHAT_TEXT = sse([
  [undefined, chunk({ role: 'assistant', content: '', refusal: null })],
  [undefined, chunk({ content: 'Hello' })],
  [undefined, chunk({ content: ' there!' })],
  [undefined, chunk({}, 'stop')],
  [
    undefined,
    { ...chunk({}), choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } },
  ],
  [undefined, '[DONE]'],
]);

/** Chat Completions: two parallel tool calls, interleaved by index; only first chunks carry id and name. */
export const OPENAI_CHAT_PARALLEL_TOOLS = sse([
  [
    undefined,
    chunk({
      role: 'assistant',
      content: null,
      tool_calls: [
        { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
      ],
    }),
  ],
  [undefined, chunk({ tool_calls: [{ index: 0, function: { arguments: '{"loc' } }] })],
  [
    undefined,
    chunk({
      tool_calls: [
        { index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } },
      ],
    }),
  ],
  [undefined, chunk({ tool_calls: [{ index: 0, function: { arguments: 'ation":"Paris"}' } }] })],
  [undefined, chunk({ tool_calls: [{ index: 1, function: { arguments: '{"tz":"CET"}' } }] })],
  [undefined, chunk({}, 'tool_calls')],
  [undefined, '[DONE]'],
]);

/** Chat Completions: an error object mid-stream, as OpenAI-compatible proxies send it. */
export const OPENAI_CHAT_ERROR = sse([
  [undefined, chunk({ content: 'Par' })],
  [undefined, { error: { message: 'The server had an error', type: 'server_error', code: null } }],
]);

const resp = {
  id: 'resp_67c9',
  object: 'response',
  model: 'gpt-4.1-2025-04-14',
  status: 'in_progress',
  output: [],
};

/** OpenAI Responses: reasoning summary, a message, then a function call; ends response.completed. */
export const OPENAI_RESPONSES = sse([
  ['response.created', { type: 'response.created', sequence_number: 0, response: resp }],
  ['response.in_progress', { type: 'response.in_progress', sequence_number: 1, response: resp }],
  [
    'response.output_item.added',
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: 'rs_1', type: 'reasoning', summary: [] },
    },
  ],
  [
    'response.reasoning_summary_text.delta',
    {
      type: 'response.reasoning_summary_text.delta',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      delta: 'Weighing ',
    },
  ],
  [
    'response.reasoning_summary_text.delta',
    {
      type: 'response.reasoning_summary_text.delta',
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      delta: 'options.',
    },
  ],
  [
    'response.output_item.added',
    {
      type: 'response.output_item.added',
      output_index: 1,
      item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    },
  ],
  [
    'response.content_part.added',
    {
      type: 'response.content_part.added',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    },
  ],
  [
    'response.output_text.delta',
    { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hi' },
  ],
  [
    'response.output_text.delta',
    {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      delta: ' there.',
    },
  ],
  [
    'response.output_text.done',
    {
      type: 'response.output_text.done',
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      text: 'Hi there.',
    },
  ],
  [
    'response.output_item.added',
    {
      type: 'response.output_item.added',
      output_index: 2,
      item: {
        id: 'fc_1',
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        call_id: 'call_9',
        name: 'get_weather',
      },
    },
  ],
  [
    'response.function_call_arguments.delta',
    {
      type: 'response.function_call_arguments.delta',
      item_id: 'fc_1',
      output_index: 2,
      delta: '{"location":',
    },
  ],
  [
    'response.function_call_arguments.delta',
    { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 2, delta: '"Paris"}' },
  ],
  [
    'response.function_call_arguments.done',
    {
      type: 'response.function_call_arguments.done',
      item_id: 'fc_1',
      output_index: 2,
      arguments: '{"location":"Paris"}',
    },
  ],
  [
    'response.output_item.done',
    {
      type: 'response.output_item.done',
      output_index: 2,
      item: {
        id: 'fc_1',
        type: 'function_call',
        status: 'completed',
        arguments: '{"location":"Paris"}',
        call_id: 'call_9',
        name: 'get_weather',
      },
    },
  ],
  [
    'response.completed',
    {
      type: 'response.completed',
      response: {
        ...resp,
        status: 'completed',
        usage: {
          input_tokens: 36,
          output_tokens: 87,
          output_tokens_details: { reasoning_tokens: 64 },
          total_tokens: 123,
        },
      },
    },
  ],
]);

/** OpenAI Responses: cut by max_output_tokens. */
export const OPENAI_RESPONSES_INCOMPLETE = sse([
  ['response.created', { type: 'response.created', response: resp }],
  [
    'response.output_text.delta',
    {
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'Once upon',
    },
  ],
  [
    'response.incomplete',
    {
      type: 'response.incomplete',
      response: { ...resp, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    },
  ],
]);
