import { scriptTokens } from '../scripts/token-timeline.ts';
import type { FormatEncoder } from './format-context.ts';
import { walkTokens } from './format-context.ts';
import type { WireEvent } from './wire-event.ts';

/**
 * Vercel AI SDK UI message stream, protocol v1 (what `useChat` reads): bare
 * `data:` lines of UI message chunks, ended by `data: [DONE]`, served with the
 * header `x-vercel-ai-ui-message-stream: v1`. Field names follow the `ai`
 * package's `uiMessageChunkSchema` (ai 7).
 * Reference: https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol
 *
 * `start` → `start-step` → per part `reasoning-start/-delta/-end`,
 * `text-start/-delta/-end` (by `id`) or `tool-input-start`,
 * `tool-input-delta` (by `toolCallId`, interleaved for parallel calls) and
 * `tool-input-available` with the parsed input → `finish-step` → `finish`.
 */
export const encodeAISDKUIMessages: FormatEncoder = (context) => {
  const { script } = context;
  const tokens = scriptTokens(script, { interleave: true });
  const events: WireEvent[] = [];
  const emit = (chunk: { type: string } & Record<string, unknown>, token = false): void => {
    events.push({ data: JSON.stringify(chunk), token });
  };

  emit({ type: 'start', messageId: `msg-${context.responseId}` });
  emit({ type: 'start-step' });
  let hasToolCall = false;
  const idOf = (part: { kind: string }, partIndex: number): string => `${part.kind}-${partIndex}`;
  walkTokens(script, tokens, {
    start(part, partIndex) {
      if (part.kind === 'tool-call') {
        hasToolCall = true;
        emit({ type: 'tool-input-start', toolCallId: `call_${part.id}`, toolName: part.name });
      } else emit({ type: `${part.kind}-start`, id: idOf(part, partIndex) });
    },
    token(part, partIndex, text) {
      if (part.kind === 'tool-call') {
        emit({ type: 'tool-input-delta', toolCallId: `call_${part.id}`, inputTextDelta: text }, true);
      } else emit({ type: `${part.kind}-delta`, id: idOf(part, partIndex), delta: text }, true);
    },
    end(part, partIndex) {
      if (part.kind === 'tool-call') {
        const input: unknown = JSON.parse(part.arguments);
        emit({ type: 'tool-input-available', toolCallId: `call_${part.id}`, toolName: part.name, input });
      } else emit({ type: `${part.kind}-end`, id: idOf(part, partIndex) });
    },
  });
  emit({ type: 'finish-step' });
  emit({ type: 'finish', finishReason: hasToolCall ? 'tool-calls' : 'stop' });
  events.push({ data: '[DONE]', token: false });
  return events;
};
