import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../mock-fetch.ts';
import { SCRIPTS } from '../scripts/registry.ts';
import { openAIClient as client, parseSse, post } from '../test-helpers.ts';

describe('OpenAI Responses API through the openai SDK', () => {
  it('streams text deltas, function call arguments and a completed response', async () => {
    const stream = await client('tool-call').responses.create({
      model: 'gpt-mock',
      input: 'hi',
      stream: true,
    });
    let text = '';
    const args = new Map<string, string>();
    const doneArgs = new Map<string, string>();
    const types: string[] = [];
    const sequence: number[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.function_call_arguments.delta') {
        args.set(event.item_id, (args.get(event.item_id) ?? '') + event.delta);
      }
      if (event.type === 'response.function_call_arguments.done')
        doneArgs.set(event.item_id, event.arguments);
      if (event.type === 'response.completed') completed = event.response;
    }
    const [expected] = SCRIPTS['tool-call'].toolCalls;
    expect(text).toBe(SCRIPTS['tool-call'].text);
    expect([...args.values()]).toEqual([expected!.arguments]);
    expect([...doneArgs.values()]).toEqual([expected!.arguments]);
    expect(sequence).toEqual(sequence.map((_, index) => index));
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    expect(types.at(-1)).toBe('response.completed');
    for (const type of [
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.output_item.done',
    ]) {
      expect(types).toContain(type);
    }
    expect(completed?.status).toBe('completed');
    const call = completed?.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual(
      JSON.parse(expected!.arguments),
    );
  });

  it("is consistent enough for the SDK's own accumulator (responses.stream → finalResponse)", async () => {
    const stream = client('reasoning').responses.stream({ model: 'gpt-mock', input: 'hi' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(SCRIPTS.reasoning.text);
    const reasoning = final.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.type === 'reasoning' && reasoning.summary[0]?.text).toBe(SCRIPTS.reasoning.reasoning);
  });

  it('interleaves parallel function calls by item and names every event', async () => {
    const response = await createMockFetch()('/v1/responses?preset=instant&script=parallel-tools', post());
    const { messages } = parseSse(await response.text());
    const payloads = messages.map((message) => ({ event: message.event, data: JSON.parse(message.data) }));
    expect(payloads.every(({ event, data }) => event === data.type)).toBe(true);
    const args = new Map<string, string>();
    const order: string[] = [];
    for (const { data } of payloads) {
      if (data.type !== 'response.function_call_arguments.delta') continue;
      args.set(data.item_id, (args.get(data.item_id) ?? '') + data.delta);
      if (order.at(-1) !== data.item_id) order.push(data.item_id);
    }
    const expected = SCRIPTS['parallel-tools'].toolCalls;
    expect([...args.values()].map((value) => JSON.parse(value))).toEqual(
      expected.map((call) => JSON.parse(call.arguments)),
    );
    expect(order.length).toBeGreaterThan(expected.length);
  });
});
