import { scriptTokens } from '../scripts/token-timeline.ts';
import { CREATED_AT, countTokens, type FormatEncoder, walkTokens } from './format-context.ts';
import type { WireEvent } from './wire-event.ts';

/**
 * OpenAI Responses API streaming: named events (`event: <type>`), each payload
 * carrying the same `type` and a `sequence_number` counting from 0. No
 * `[DONE]`: the stream ends after `response.completed`.
 * Reference: https://platform.openai.com/docs/api-reference/responses-streaming
 *
 * Each output item (reasoning summary, message, function call) is announced by
 * `response.output_item.added` and finished by `response.output_item.done`;
 * text goes through `response.content_part.added` / `response.output_text.delta`
 * / `.done`, tool arguments through `response.function_call_arguments.delta` /
 * `.done`. Parallel calls interleave their deltas by `item_id`/`output_index`.
 */
export const encodeOpenAIResponses: FormatEncoder = (context) => {
  const { script } = context;
  const tokens = scriptTokens(script, { interleave: true });
  const events: WireEvent[] = [];
  let sequence = 0;
  const emit = (type: string, payload: object, token = false): void => {
    events.push({
      event: type,
      data: JSON.stringify({ type, ...payload, sequence_number: sequence++ }),
      token,
    });
  };
  const response = (status: string, output: object[], usage: object | null): object => ({
    id: `resp_${context.responseId}`,
    object: 'response',
    created_at: CREATED_AT,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: context.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage,
    metadata: {},
  });

  emit('response.created', { response: response('in_progress', [], null) });
  emit('response.in_progress', { response: response('in_progress', [], null) });

  const outputIndexOf = new Map<number, number>();
  const itemIdOf = new Map<number, string>();
  const accumulated = new Map<number, string>();
  const outputs: object[] = [];
  walkTokens(script, tokens, {
    start(part, partIndex) {
      const output_index = outputIndexOf.size;
      outputIndexOf.set(partIndex, output_index);
      accumulated.set(partIndex, '');
      if (part.kind === 'reasoning') {
        const id = `rs_${context.responseId}_${output_index}`;
        itemIdOf.set(partIndex, id);
        emit('response.output_item.added', { output_index, item: { id, type: 'reasoning', summary: [] } });
        emit('response.reasoning_summary_part.added', {
          item_id: id,
          output_index,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        });
      } else if (part.kind === 'text') {
        const id = `msg_${context.responseId}_${output_index}`;
        itemIdOf.set(partIndex, id);
        const item = { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
        emit('response.output_item.added', { output_index, item });
        emit('response.content_part.added', {
          item_id: id,
          output_index,
          content_index: 0,
          part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
        });
      } else {
        const id = `fc_${part.id}`;
        itemIdOf.set(partIndex, id);
        const item = {
          id,
          type: 'function_call',
          status: 'in_progress',
          arguments: '',
          call_id: `call_${part.id}`,
          name: part.name,
        };
        emit('response.output_item.added', { output_index, item });
      }
    },
    token(part, partIndex, delta) {
      const item_id = itemIdOf.get(partIndex)!;
      const output_index = outputIndexOf.get(partIndex)!;
      accumulated.set(partIndex, accumulated.get(partIndex)! + delta);
      if (part.kind === 'reasoning') {
        emit(
          'response.reasoning_summary_text.delta',
          { item_id, output_index, summary_index: 0, delta },
          true,
        );
      } else if (part.kind === 'text') {
        emit(
          'response.output_text.delta',
          { item_id, output_index, content_index: 0, delta, logprobs: [] },
          true,
        );
      } else {
        emit('response.function_call_arguments.delta', { item_id, output_index, delta }, true);
      }
    },
    end(part, partIndex) {
      const id = itemIdOf.get(partIndex)!;
      const output_index = outputIndexOf.get(partIndex)!;
      const text = accumulated.get(partIndex)!;
      let item: object;
      if (part.kind === 'reasoning') {
        const summary = { type: 'summary_text', text };
        emit('response.reasoning_summary_text.done', { item_id: id, output_index, summary_index: 0, text });
        emit('response.reasoning_summary_part.done', {
          item_id: id,
          output_index,
          summary_index: 0,
          part: summary,
        });
        item = { id, type: 'reasoning', summary: [summary] };
      } else if (part.kind === 'text') {
        const content = { type: 'output_text', annotations: [], logprobs: [], text };
        emit('response.output_text.done', {
          item_id: id,
          output_index,
          content_index: 0,
          text,
          logprobs: [],
        });
        emit('response.content_part.done', { item_id: id, output_index, content_index: 0, part: content });
        item = { id, type: 'message', status: 'completed', content: [content], role: 'assistant' };
      } else {
        emit('response.function_call_arguments.done', {
          item_id: id,
          output_index,
          name: part.name,
          arguments: text,
        });
        item = {
          id,
          type: 'function_call',
          status: 'completed',
          arguments: text,
          call_id: `call_${part.id}`,
          name: part.name,
        };
      }
      outputs[output_index] = item;
      emit('response.output_item.done', { output_index, item });
    },
  });

  const counts = countTokens(tokens, script);
  const usage = {
    input_tokens: context.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: counts.output,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: context.inputTokens + counts.output,
  };
  emit('response.completed', { response: response('completed', outputs, usage) });
  return events;
};
