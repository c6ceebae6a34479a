/**
 * Wire streams in which the provider runs a tool itself, one per format, as
 * each provider documents them (ids shortened). Served by `timedFetch` with a
 * pause between events, so the status line's "Searching the web…" stays up long
 * enough to be seen (and tested).
 */

type WireEvent = { readonly type: string; readonly [field: string]: unknown };

/** One SSE event per entry; `named` adds the `event:` line (Responses and Anthropic name their events). */
function sse(events: readonly WireEvent[], named: boolean): string[] {
  return events.map((event) => `${named ? `event: ${event.type}\n` : ''}data: ${JSON.stringify(event)}\n\n`);
}

const text = (delta: string) => ({ type: 'response.output_text.delta', item_id: 'msg_1', delta });

/** OpenAI Responses: a web search and a code interpreter call the API runs, then the answer. */
export const RESPONSES_BUILT_INS = sse(
  [
    { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5' } },
    {
      type: 'response.output_item.added',
      item: { type: 'web_search_call', id: 'ws_1', status: 'in_progress' },
    },
    { type: 'response.web_search_call.searching', item_id: 'ws_1' },
    {
      type: 'response.output_item.done',
      item: {
        type: 'web_search_call',
        id: 'ws_1',
        status: 'completed',
        action: { type: 'search', query: 'Tokyo weather' },
      },
    },
    {
      type: 'response.output_item.added',
      item: { type: 'code_interpreter_call', id: 'ci_1', status: 'in_progress' },
    },
    { type: 'response.code_interpreter_call_code.delta', item_id: 'ci_1', delta: 'temps = [14, 16, 13]\n' },
    {
      type: 'response.code_interpreter_call_code.delta',
      item_id: 'ci_1',
      delta: 'print(sum(temps) / len(temps))',
    },
    { type: 'response.code_interpreter_call_code.done', item_id: 'ci_1' },
    {
      type: 'response.output_item.done',
      item: {
        type: 'code_interpreter_call',
        id: 'ci_1',
        status: 'completed',
        code: 'temps = [14, 16, 13]\nprint(sum(temps) / len(temps))',
        outputs: [{ type: 'logs', logs: '14.333333333333334' }],
      },
    },
    text('Tokyo averages about 14 °C '),
    text('this week.'),
    {
      type: 'response.completed',
      response: { id: 'resp_1', usage: { input_tokens: 40, output_tokens: 30 } },
    },
  ],
  true,
);

/** Anthropic: a server-side web search with its result block, and an MCP tool that fails. */
export const ANTHROPIC_SERVER_TOOLS = sse(
  [
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'claude-opus-4-6', usage: { input_tokens: 40 } },
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
    },
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"query": "Tokyo' },
    },
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: ' weather"}' },
    },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'content_block_start',
      index: 1,
      content_block: {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [
          { type: 'web_search_result', title: 'Tokyo forecast', url: 'https://weather.example/tokyo' },
        ],
      },
    },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'content_block_start',
      index: 2,
      content_block: {
        type: 'mcp_tool_use',
        id: 'mcptoolu_1',
        name: 'create_issue',
        server_name: 'tracker',
        input: { title: 'Umbrella reminder' },
      },
    },
    { type: 'content_block_stop', index: 2 },
    {
      type: 'content_block_start',
      index: 3,
      content_block: {
        type: 'mcp_tool_result',
        tool_use_id: 'mcptoolu_1',
        is_error: true,
        content: [{ type: 'text', text: 'permission denied' }],
      },
    },
    { type: 'content_block_stop', index: 3 },
    { type: 'content_block_start', index: 4, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'Expect rain in Tokyo; ' } },
    {
      type: 'content_block_delta',
      index: 4,
      delta: { type: 'text_delta', text: 'I could not file the reminder.' },
    },
    { type: 'content_block_stop', index: 4 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 30 } },
    { type: 'message_stop' },
  ],
  true,
);

/** AI SDK UI message stream: a provider-executed web search (`providerExecuted: true`). */
export const AI_SDK_PROVIDER_EXECUTED = [
  ...sse(
    [
      { type: 'start', messageId: 'msg_1' },
      { type: 'start-step' },
      { type: 'tool-input-start', toolCallId: 'ws_1', toolName: 'web_search', providerExecuted: true },
      { type: 'tool-input-delta', toolCallId: 'ws_1', inputTextDelta: '{"query":"Tokyo weather"}' },
      {
        type: 'tool-input-available',
        toolCallId: 'ws_1',
        toolName: 'web_search',
        input: { query: 'Tokyo weather' },
        providerExecuted: true,
      },
      {
        type: 'tool-output-available',
        toolCallId: 'ws_1',
        output: [{ title: 'Tokyo forecast', url: 'https://weather.example/tokyo' }],
        providerExecuted: true,
      },
      { type: 'text-start', id: 't_1' },
      { type: 'text-delta', id: 't_1', delta: 'Expect rain in Tokyo ' },
      { type: 'text-delta', id: 't_1', delta: 'this week.' },
      { type: 'text-end', id: 't_1' },
      { type: 'finish-step' },
      { type: 'finish', finishReason: 'stop' },
    ],
    false,
  ),
  'data: [DONE]\n\n',
];

/** A fetch that answers with `events`, one every `gapMs`, with the content type of an event stream. */
export function timedFetch(
  events: readonly string[],
  gapMs: number,
  headers: Record<string, string> = {},
): typeof fetch {
  return async (_input, init) => {
    const encoder = new TextEncoder();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let next = 0;
        const send = (): void => {
          if (next === events.length) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(events[next++] as string));
          timer = setTimeout(send, gapMs);
        };
        send();
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          controller.error(init.signal?.reason);
        });
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream', ...headers } });
  };
}
