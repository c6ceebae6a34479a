import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../mock-fetch.ts';
import { SCRIPTS, type ScriptName } from '../scripts/registry.ts';
import { parseSse, post } from '../test-helpers.ts';

function stream(script: ScriptName) {
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://mock-llm.local',
    fetch: createMockFetch(),
    maxRetries: 0,
    defaultHeaders: { 'x-mock-preset': 'instant', 'x-mock-script': script },
  });
  return client.messages.stream({
    model: 'claude-mock',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'hi' }],
  });
}

describe('Anthropic Messages through @anthropic-ai/sdk', () => {
  it('streams the markdown script to its exact final text', async () => {
    let streamed = '';
    const messageStream = stream('markdown').on('text', (delta) => {
      streamed += delta;
    });
    const message = await messageStream.finalMessage();
    expect(streamed).toBe(SCRIPTS.markdown.text);
    expect(message.content).toEqual([{ type: 'text', text: SCRIPTS.markdown.text }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(100);
  });

  it('reassembles the tool_use input JSON', async () => {
    const message = await stream('tool-call').finalMessage();
    const [expected] = SCRIPTS['tool-call'].toolCalls;
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    expect(toolUse?.type === 'tool_use' && toolUse.name).toBe(expected!.name);
    expect(toolUse?.type === 'tool_use' && toolUse.input).toEqual(JSON.parse(expected!.arguments));
    expect(message.stop_reason).toBe('tool_use');
  });

  it('streams parallel tool calls as consecutive tool_use blocks', async () => {
    const message = await stream('parallel-tools').finalMessage();
    const inputs = message.content.flatMap((block) => (block.type === 'tool_use' ? [block.input] : []));
    expect(inputs).toEqual(SCRIPTS['parallel-tools'].toolCalls.map((call) => JSON.parse(call.arguments)));
  });

  it('streams thinking (with a signature) before the answer', async () => {
    const message = await stream('reasoning').finalMessage();
    const [thinking, text] = message.content;
    expect(thinking?.type === 'thinking' && thinking.thinking).toBe(SCRIPTS.reasoning.reasoning);
    expect(thinking?.type === 'thinking' && thinking.signature).toMatch(/^mock-signature-/);
    expect(text?.type === 'text' && text.text).toBe(SCRIPTS.reasoning.text);
  });

  it('names each event after its type and sends message_start, ping, …, message_stop', async () => {
    const response = await createMockFetch()('/v1/messages?preset=instant', post());
    const { messages } = parseSse(await response.text());
    const names = messages.map((message) => message.event);
    expect(messages.every((message) => message.event === JSON.parse(message.data).type)).toBe(true);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });
});
