/**
 * Vercel AI SDK UI message stream, v1 (header `x-vercel-ai-ui-message-stream: v1`):
 * one JSON chunk per SSE event (`text-delta`, `tool-input-start`, `finish`, …),
 * ending `data: [DONE]`. Tool results travel in the same stream.
 * @see https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol
 */
import type { SSEMessage } from '../sse/types.ts';
import { isText, NO_PARTS, type ProtocolAdapter, parseData } from './adapter.ts';
import type { FinishReason, StreamPart } from './parts.ts';

interface UIChunk {
  type: string;
  id: string;
  delta: string;
  messageId: string;
  toolCallId: string;
  toolName: string;
  inputTextDelta: string;
  input: unknown;
  output: unknown;
  errorText: string;
  finishReason: string;
  reason: string;
  /** The provider ran the tool (a provider-defined tool such as web search). */
  providerExecuted: boolean;
}

/** The start of a call, marked when the provider runs it. */
function callStart(id: string, chunk: Partial<UIChunk>): StreamPart {
  const start = { type: 'tool-call-start', id, name: chunk.toolName ?? '' } as const;
  return chunk.providerExecuted === true ? { ...start, providerExecuted: true } : start;
}

/** A result, marked when the provider ran the tool. */
function callResult(id: string, chunk: Partial<UIChunk>, result: unknown, isError: boolean): StreamPart {
  const part = isError
    ? ({ type: 'tool-result', id, result, isError: true } as const)
    : ({ type: 'tool-result', id, result } as const);
  return chunk.providerExecuted === true ? { ...part, providerExecuted: true } : part;
}

const REASONS = new Set<string>(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other']);

/** Creates an adapter for one AI SDK UI message stream. */
export function createAISDKAdapter(): ProtocolAdapter {
  const started = new Set<string>();
  const ended = new Set<string>();
  /** Calls whose input streamed as deltas: a final `input` is not added again. */
  const streamed = new Set<string>();
  /** Calls the current step began: a `reset-step` forgets them, so the retried step may begin them again. */
  let stepCalls: string[] = [];
  let finishReason: FinishReason | undefined;
  let done = false;

  /**
   * Parts for the final tool input. Where no delta came (a call sent whole; a
   * LangGraph human-in-the-loop resume through the AI SDK's LangChain adapter
   * sends `tool-input-start`, then `tool-input-available` and no delta), its
   * `input` becomes the arguments. Where deltas came, they stand.
   */
  function wholeInput(chunk: Partial<UIChunk>, id: string): StreamPart[] {
    const parts: StreamPart[] = [];
    if (!started.has(id)) {
      begin(id);
      parts.push(callStart(id, chunk));
    }
    if (!streamed.has(id) && chunk.input !== undefined) {
      streamed.add(id);
      parts.push({ type: 'tool-call-delta', id, argsDelta: JSON.stringify(chunk.input) });
    }
    if (!ended.has(id)) {
      ended.add(id);
      parts.push({ type: 'tool-call-end', id });
    }
    return parts;
  }

  function begin(id: string): void {
    started.add(id);
    stepCalls.push(id);
  }

  function resetStep(): readonly StreamPart[] {
    for (const id of stepCalls) {
      started.delete(id);
      ended.delete(id);
      streamed.delete(id);
    }
    stepCalls = [];
    return [{ type: 'step-reset' }];
  }

  function push(message: SSEMessage): readonly StreamPart[] {
    if (done) return NO_PARTS;
    if (message.data === '[DONE]') {
      done = true;
      return [{ type: 'finish', reason: finishReason ?? 'stop' }];
    }
    const chunk = parseData<UIChunk>('ai-sdk', message);
    const id = chunk.toolCallId ?? '';
    switch (chunk.type) {
      case 'text-delta':
        return isText(chunk.delta) ? [{ type: 'text-delta', delta: chunk.delta }] : NO_PARTS;
      case 'reasoning-delta':
        return isText(chunk.delta) ? [{ type: 'reasoning-delta', delta: chunk.delta }] : NO_PARTS;
      case 'tool-input-start':
        if (started.has(id)) return NO_PARTS;
        begin(id);
        return [callStart(id, chunk)];
      case 'tool-input-delta':
        if (typeof chunk.inputTextDelta !== 'string' || chunk.inputTextDelta === '') return NO_PARTS;
        streamed.add(id);
        return [{ type: 'tool-call-delta', id, argsDelta: chunk.inputTextDelta }];
      case 'tool-input-available':
      case 'tool-input-error':
        return wholeInput(chunk, id);
      case 'tool-output-available':
        return [callResult(id, chunk, chunk.output, false)];
      case 'tool-output-error':
        return [callResult(id, chunk, chunk.errorText, true)];
      case 'start':
        return chunk.messageId === undefined
          ? NO_PARTS
          : [{ type: 'meta', key: 'id', value: chunk.messageId }];
      case 'finish':
        // The finish chunk precedes [DONE]; the finish part waits for [DONE], the terminal event.
        if (chunk.finishReason !== undefined) {
          finishReason = REASONS.has(chunk.finishReason) ? (chunk.finishReason as FinishReason) : 'other';
        }
        return NO_PARTS;
      case 'error':
        done = true;
        return [{ type: 'error', message: chunk.errorText ?? 'Unknown error' }];
      case 'abort':
        // The server stopped the generation (its user or a limit): an end, not an
        // error, with a reason a UI can tell from a normal one.
        done = true;
        return [{ type: 'finish', reason: 'aborted' }];
      case 'start-step':
        stepCalls = [];
        return [{ type: 'step-start' }];
      case 'reset-step':
        return resetStep();
      default:
        // finish-step, text-start/end, sources, files, data-* parts: not part of the model.
        return NO_PARTS;
    }
  }

  return {
    protocol: 'ai-sdk',
    push,
    get done() {
      return done;
    },
  };
}
