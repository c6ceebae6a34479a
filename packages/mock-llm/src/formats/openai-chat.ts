import { scriptTokens } from '../scripts/token-timeline.ts';
import { CREATED_AT, countTokens, type FormatEncoder, walkTokens } from './format-context.ts';
import type { WireEvent } from './wire-event.ts';

/**
 * OpenAI Chat Completions streaming (`stream: true`): `chat.completion.chunk`
 * objects as bare `data:` lines, ended by `data: [DONE]`.
 * Reference: https://platform.openai.com/docs/api-reference/chat-streaming
 *
 * - the first chunk carries `role: "assistant"`;
 * - text goes in `delta.content`, reasoning in `delta.reasoning_content` (the
 *   field OpenAI-compatible reasoning servers use; OpenAI itself hides it);
 * - a tool call starts with `{index, id, type, function: {name, arguments: ""}}`
 *   and continues with `{index, function: {arguments}}` deltas; parallel calls
 *   interleave by `index`;
 * - the last choice chunk has an empty delta and `finish_reason`; with
 *   `stream_options.include_usage` every chunk has `usage: null` and a final
 *   chunk with `choices: []` carries the usage.
 */
export const encodeOpenAIChat: FormatEncoder = (context) => {
  const { script } = context;
  const tokens = scriptTokens(script, { interleave: true });
  const events: WireEvent[] = [];
  const envelope = {
    id: `chatcmpl-${context.responseId}`,
    object: 'chat.completion.chunk',
    created: CREATED_AT,
    model: context.model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
  const usageNull = context.includeUsage ? { usage: null } : {};
  const push = (delta: object, token: boolean, finishReason: string | null = null): void => {
    const choice = { index: 0, delta, logprobs: null, finish_reason: finishReason };
    events.push({ data: JSON.stringify({ ...envelope, choices: [choice], ...usageNull }), token });
  };

  push({ role: 'assistant', content: '', refusal: null }, false);
  const toolIndexOf = new Map<number, number>();
  walkTokens(script, tokens, {
    start(part, partIndex) {
      if (part.kind !== 'tool-call') return;
      const index = toolIndexOf.size;
      toolIndexOf.set(partIndex, index);
      const call = {
        index,
        id: `call_${part.id}`,
        type: 'function',
        function: { name: part.name, arguments: '' },
      };
      push({ tool_calls: [call] }, false);
    },
    token(part, partIndex, text) {
      if (part.kind === 'text') push({ content: text }, true);
      else if (part.kind === 'reasoning') push({ reasoning_content: text }, true);
      else push({ tool_calls: [{ index: toolIndexOf.get(partIndex), function: { arguments: text } }] }, true);
    },
    end() {},
  });
  push({}, false, toolIndexOf.size > 0 ? 'tool_calls' : 'stop');

  if (context.includeUsage) {
    const counts = countTokens(tokens, script);
    const usage = {
      prompt_tokens: context.inputTokens,
      completion_tokens: counts.output,
      total_tokens: context.inputTokens + counts.output,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: counts.reasoning },
    };
    events.push({ data: JSON.stringify({ ...envelope, choices: [], usage }), token: false });
  }
  events.push({ data: '[DONE]', token: false });
  return events;
};
