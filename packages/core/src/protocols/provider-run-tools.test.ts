/**
 * Tools the provider runs itself (OpenAI Responses built-ins, Anthropic server
 * and MCP tools, AI SDK provider-executed tools) become tool calls marked
 * `providerExecuted`, with their state and result, instead of being dropped.
 */
import { describe, expect, it } from 'vitest';
import { createToolCallAssembler } from '../json/tool-call-assembler.ts';
import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { ProtocolAdapter } from './adapter.ts';
import { createAISDKAdapter } from './ai-sdk.ts';
import { createAnthropicAdapter } from './anthropic.ts';
import { createOpenAIResponsesAdapter } from './openai-responses.ts';
import type { StreamPart, ToolCallPart } from './parts.ts';

/** A provider event: its `type`, and whatever else it carries. */
type WireEvent = { readonly type: string; readonly [field: string]: unknown };

/** Pushes typed JSON events (`type` doubles as the SSE event name) and collects the parts. */
function feed(adapter: ProtocolAdapter, events: readonly WireEvent[]): StreamPart[] {
  return events.flatMap((event) => adapter.push({ event: event.type, data: JSON.stringify(event) }));
}

const isToolPart = (part: StreamPart): part is ToolCallPart => part.type.startsWith('tool-');

/** The calls after each event, as a UI would read them. */
function callsAfterEach(adapter: ProtocolAdapter, events: readonly WireEvent[]) {
  const tools = createToolCallAssembler();
  const steps: (readonly ToolCallSnapshot[])[] = [];
  const parts: StreamPart[] = [];
  for (const event of events) {
    const produced = feed(adapter, [event]);
    parts.push(...produced);
    for (const part of produced) if (isToolPart(part)) tools.push(part);
    steps.push(tools.calls);
  }
  return { steps, calls: tools.calls, finish: parts.find((part) => part.type === 'finish') };
}

describe('OpenAI Responses built-in tools', () => {
  const item = (type: string, fields: object) => ({
    type,
    id: `${type}_1`,
    status: 'in_progress',
    ...fields,
  });
  const events = [
    { type: 'response.created', response: { id: 'resp_1' } },
    { type: 'response.output_item.added', item: item('web_search_call', {}) },
    { type: 'response.web_search_call.searching', item_id: 'web_search_call_1' },
    {
      type: 'response.output_item.done',
      item: item('web_search_call', {
        status: 'completed',
        action: { type: 'search', query: 'tokyo weather' },
      }),
    },
    { type: 'response.output_item.added', item: item('code_interpreter_call', {}) },
    {
      type: 'response.code_interpreter_call_code.delta',
      item_id: 'code_interpreter_call_1',
      delta: 'print("a',
    },
    { type: 'response.code_interpreter_call_code.delta', item_id: 'code_interpreter_call_1', delta: '\\n")' },
    {
      type: 'response.code_interpreter_call_code.done',
      item_id: 'code_interpreter_call_1',
      code: 'print("a\\n")',
    },
    {
      type: 'response.output_item.done',
      item: item('code_interpreter_call', {
        status: 'completed',
        code: 'print("a\\n")',
        outputs: [{ type: 'logs', logs: 'a' }],
      }),
    },
    {
      type: 'response.output_item.added',
      item: item('mcp_call', { name: 'create_issue', server_label: 'gh' }),
    },
    { type: 'response.mcp_call_arguments.delta', item_id: 'mcp_call_1', delta: '{"title": "Bu' },
    { type: 'response.mcp_call_arguments.delta', item_id: 'mcp_call_1', delta: 'g"}' },
    {
      type: 'response.output_item.done',
      item: item('mcp_call', {
        name: 'create_issue',
        status: 'failed',
        arguments: '{"title": "Bug"}',
        error: 'denied',
      }),
    },
    { type: 'response.output_item.added', item: item('image_generation_call', {}) },
    { type: 'response.output_text.delta', delta: 'Here it is.' },
    { type: 'response.completed', response: { id: 'resp_1' } },
  ];

  it('shows each as a provider-run call with its arguments and result', () => {
    const { steps, calls, finish } = callsAfterEach(createOpenAIResponsesAdapter(), events);
    expect(steps[1]).toEqual([
      expect.objectContaining({
        id: 'web_search_call_1',
        name: 'web_search',
        state: 'streaming-args',
        providerExecuted: true,
      }),
    ]);
    expect(steps[5]?.[1]).toMatchObject({ name: 'code_interpreter', args: { code: 'print("a' } }); // code shows as it streams
    expect(calls.map((call) => [call.name, call.state, call.providerExecuted])).toEqual([
      ['web_search', 'result', true],
      ['code_interpreter', 'result', true],
      ['create_issue', 'result', true],
      ['image_generation', 'args-complete', true], // ended with the response, no result sent
    ]);
    expect(calls[0]).toMatchObject({
      args: { type: 'search', query: 'tokyo weather' },
      result: { status: 'completed' },
    });
    expect(calls[1]).toMatchObject({
      args: { code: 'print("a\\n")' },
      result: [{ type: 'logs', logs: 'a' }],
    });
    expect(calls[1]?.error).toBeUndefined();
    expect(calls[2]).toMatchObject({ args: { title: 'Bug' }, result: 'denied', isError: true });
    // Nothing here is for the app to run: the answer ended normally, not with tool calls.
    expect(finish).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('takes the code from output_item.done when no delta came', () => {
    const { calls } = callsAfterEach(createOpenAIResponsesAdapter(), [
      { type: 'response.output_item.added', item: item('code_interpreter_call', {}) },
      {
        type: 'response.output_item.done',
        item: item('code_interpreter_call', { status: 'completed', code: 'x = 1' }),
      },
    ]);
    expect(calls[0]).toMatchObject({ args: { code: 'x = 1' }, state: 'result', result: null });
  });
});

describe('Anthropic server and MCP tools', () => {
  const block = (index: number, content_block: object) => ({
    type: 'content_block_start',
    index,
    content_block,
  });
  const events = [
    { type: 'message_start', message: { id: 'msg_1' } },
    block(0, { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }),
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"query": "tok' },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'yo"}' } },
    { type: 'content_block_stop', index: 0 },
    block(1, {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: [{ type: 'web_search_result', url: 'https://example.com', title: 'Tokyo' }],
    }),
    { type: 'content_block_stop', index: 1 },
    block(2, {
      type: 'mcp_tool_use',
      id: 'mcptoolu_1',
      name: 'create_issue',
      server_name: 'gh',
      input: { title: 'Bug' },
    }),
    { type: 'content_block_stop', index: 2 },
    block(3, {
      type: 'mcp_tool_result',
      tool_use_id: 'mcptoolu_1',
      is_error: true,
      content: [{ type: 'text', text: 'denied' }],
    }),
    { type: 'content_block_stop', index: 3 },
    block(4, { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'x' } }),
    { type: 'content_block_stop', index: 4 },
    block(5, {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_2',
      content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
    }),
    { type: 'message_delta', delta: { stop_reason: 'end_turn' } },
    { type: 'message_stop' },
  ];

  it('shows each as a provider-run call with its streamed input and its result', () => {
    const { steps, calls } = callsAfterEach(createAnthropicAdapter(), events);
    expect(steps[2]?.[0]).toMatchObject({
      name: 'web_search',
      state: 'streaming-args',
      args: { query: 'tok' },
      providerExecuted: true,
    });
    expect(steps[4]?.[0]?.state).toBe('args-complete'); // searching: input done, no result yet
    expect(
      calls.map((call) => [call.id, call.name, call.state, call.providerExecuted, call.isError]),
    ).toEqual([
      ['srvtoolu_1', 'web_search', 'result', true, undefined],
      ['mcptoolu_1', 'create_issue', 'result', true, true],
      ['srvtoolu_2', 'web_search', 'result', true, true],
    ]);
    expect(calls[0]).toMatchObject({ args: { query: 'tokyo' }, result: [{ url: 'https://example.com' }] });
    expect(calls[1]).toMatchObject({ args: { title: 'Bug' } });
  });
});

describe('AI SDK provider-executed tools', () => {
  it('marks calls and results the stream says the provider ran', () => {
    const { calls } = callsAfterEach(createAISDKAdapter(), [
      { type: 'start' },
      { type: 'tool-input-start', toolCallId: 'ws_1', toolName: 'web_search', providerExecuted: true },
      { type: 'tool-input-delta', toolCallId: 'ws_1', inputTextDelta: '{"query":"tokyo"}' },
      {
        type: 'tool-input-available',
        toolCallId: 'ws_1',
        toolName: 'web_search',
        input: { query: 'tokyo' },
        providerExecuted: true,
      },
      {
        type: 'tool-output-available',
        toolCallId: 'ws_1',
        output: [{ url: 'https://example.com' }],
        providerExecuted: true,
      },
      // A provider tool known only from its result still shows, marked.
      { type: 'tool-output-available', toolCallId: 'fs_1', output: [], providerExecuted: true },
      { type: 'tool-input-start', toolCallId: 'app_1', toolName: 'lookup' },
    ]);
    expect(calls.map((call) => [call.id, call.state, call.providerExecuted])).toEqual([
      ['ws_1', 'result', true],
      ['fs_1', 'result', true],
      ['app_1', 'streaming-args', undefined],
    ]);
    expect(calls[0]).toMatchObject({ args: { query: 'tokyo' }, result: [{ url: 'https://example.com' }] });
  });
});
