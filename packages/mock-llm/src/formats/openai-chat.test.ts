import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../mock-fetch.ts';
import { SCRIPTS, type ScriptName } from '../scripts/registry.ts';
import { openAIClient as client, parseSse, post } from '../test-helpers.ts';

async function collect(script: ScriptName, includeUsage = false) {
  const stream = await client(script).chat.completions.create({
    model: 'gpt-mock',
    messages: [{ role: 'user', content: 'hello' }],
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  });
  let content = '';
  let reasoning = '';
  const calls: { id: string; name: string; arguments: string }[] = [];
  const finishReasons: string[] = [];
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    expect(chunk.object).toBe('chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    content += choice.delta.content ?? '';
    reasoning += (choice.delta as { reasoning_content?: string }).reasoning_content ?? '';
    for (const call of choice.delta.tool_calls ?? []) {
      calls[call.index] ??= { id: '', name: '', arguments: '' };
      const slot = calls[call.index]!;
      slot.id += call.id ?? '';
      slot.name += call.function?.name ?? '';
      slot.arguments += call.function?.arguments ?? '';
    }
    if (choice.finish_reason) finishReasons.push(choice.finish_reason);
  }
  return { content, reasoning, calls, finishReasons, usage };
}

describe('OpenAI Chat Completions through the openai SDK', () => {
  it('streams the text script to its exact text and ends with finish_reason stop', async () => {
    const result = await collect('text');
    expect(result.content).toBe(SCRIPTS.text.text);
    expect(result.finishReasons).toEqual(['stop']);
    expect(result.calls).toEqual([]);
  });

  it('reassembles ~36 KB of tool arguments that JSON.parse to the script value', async () => {
    const result = await collect('tool-call');
    const [expected] = SCRIPTS['tool-call'].toolCalls;
    expect(result.content).toBe(SCRIPTS['tool-call'].text);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]!.name).toBe(expected!.name);
    expect(result.calls[0]!.arguments).toBe(expected!.arguments);
    expect(JSON.parse(result.calls[0]!.arguments)).toEqual(JSON.parse(expected!.arguments));
    expect(result.finishReasons).toEqual(['tool_calls']);
  });

  it('reassembles parallel calls whose deltas interleave by index', async () => {
    const result = await collect('parallel-tools');
    const expected = SCRIPTS['parallel-tools'].toolCalls;
    expect(result.calls.map((call) => call.name)).toEqual(expected.map((call) => call.name));
    expect(result.calls.map((call) => call.id)).toEqual(expected.map((call) => `call_${call.id}`));
    for (const [index, call] of result.calls.entries()) {
      expect(JSON.parse(call.arguments)).toEqual(JSON.parse(expected[index]!.arguments));
    }
  });

  it('sends reasoning in reasoning_content before the answer', async () => {
    const result = await collect('reasoning');
    expect(result.reasoning).toBe(SCRIPTS.reasoning.reasoning);
    expect(result.content).toBe(SCRIPTS.reasoning.text);
  });

  it('adds a usage chunk only with stream_options.include_usage', async () => {
    expect((await collect('text')).usage).toBeUndefined();
    const { usage } = await collect('text', true);
    expect(usage?.completion_tokens).toBeGreaterThan(100);
    expect(usage?.total_tokens).toBe(usage!.prompt_tokens + usage!.completion_tokens);
  });

  it('frames every chunk as a bare data line and ends with data: [DONE]', async () => {
    const response = await createMockFetch()(
      '/v1/chat/completions?preset=instant&script=parallel-tools',
      post(),
    );
    const { messages } = parseSse(await response.text());
    expect(messages.every((message) => message.event === undefined && message.id === undefined)).toBe(true);
    expect(messages.at(-1)!.data).toBe('[DONE]');
    const chunks = messages.slice(0, -1).map((message) => JSON.parse(message.data));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    // Interleaved: some argument delta for index 0 comes after one for index 1.
    const indexes = chunks.flatMap(
      (chunk) => chunk.choices[0]?.delta.tool_calls?.map((call: { index: number }) => call.index) ?? [],
    );
    expect(indexes.lastIndexOf(0)).toBeGreaterThan(indexes.indexOf(1));
  });
});
