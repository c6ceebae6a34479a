import { scriptTokens } from '../scripts/token-timeline.ts';
import { countTokens, type FormatEncoder, walkTokens } from './format-context.ts';
import type { WireEvent } from './wire-event.ts';

/**
 * Anthropic Messages streaming: named events whose name equals the payload's
 * `type`: `message_start`, then per content block `content_block_start`,
 * `content_block_delta` (`text_delta`, `thinking_delta` + a final
 * `signature_delta`, `input_json_delta`), `content_block_stop`, then
 * `message_delta` (stop_reason, usage) and `message_stop`; a `ping` after the
 * first block starts, as the API sends one.
 * Reference: https://docs.anthropic.com/en/docs/build-with-claude/streaming
 *
 * Blocks never interleave in this API, so parallel tool calls stream one
 * `tool_use` block after another.
 */
export const encodeAnthropicMessages: FormatEncoder = (context) => {
  const { script } = context;
  const tokens = scriptTokens(script, { interleave: false });
  const events: WireEvent[] = [];
  const emit = (type: string, payload: object, token = false): void => {
    events.push({ event: type, data: JSON.stringify({ type, ...payload }), token });
  };

  emit('message_start', {
    message: {
      id: `msg_${context.responseId}`,
      type: 'message',
      role: 'assistant',
      model: context.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: context.inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      },
    },
  });

  const blockIndexOf = new Map<number, number>();
  let hasToolUse = false;
  walkTokens(script, tokens, {
    start(part, partIndex) {
      const index = blockIndexOf.size;
      blockIndexOf.set(partIndex, index);
      let content_block: object;
      if (part.kind === 'reasoning') content_block = { type: 'thinking', thinking: '', signature: '' };
      else if (part.kind === 'text') content_block = { type: 'text', text: '' };
      else {
        hasToolUse = true;
        content_block = { type: 'tool_use', id: `toolu_${part.id}`, name: part.name, input: {} };
      }
      emit('content_block_start', { index, content_block });
      if (index === 0) emit('ping', {});
    },
    token(part, partIndex, text) {
      const index = blockIndexOf.get(partIndex)!;
      let delta: object;
      if (part.kind === 'reasoning') delta = { type: 'thinking_delta', thinking: text };
      else if (part.kind === 'text') delta = { type: 'text_delta', text };
      else delta = { type: 'input_json_delta', partial_json: text };
      emit('content_block_delta', { index, delta }, true);
    },
    end(part, partIndex) {
      const index = blockIndexOf.get(partIndex)!;
      if (part.kind === 'reasoning') {
        const signature = `mock-signature-${context.responseId}-${index}`;
        emit('content_block_delta', { index, delta: { type: 'signature_delta', signature } });
      }
      emit('content_block_stop', { index });
    },
  });

  emit('message_delta', {
    delta: { stop_reason: hasToolUse ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { output_tokens: countTokens(tokens, script).output },
  });
  emit('message_stop', {});
  return events;
};
