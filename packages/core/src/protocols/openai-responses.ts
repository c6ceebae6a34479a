/**
 * OpenAI Responses API streaming: typed semantic events (`response.created`,
 * `response.output_text.delta`, `response.function_call_arguments.delta`, …) ending
 * with `response.completed`, `response.incomplete` or `response.failed`.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { SSEMessage } from '../sse/types.ts';
import { isText, NO_PARTS, type ProtocolAdapter, parseData } from './adapter.ts';
import { type BuiltInItem, createBuiltInCalls } from './openai-responses-built-ins.ts';
import type { FinishReason, StreamPart, Usage } from './parts.ts';

interface ResponsesItem extends BuiltInItem {
  call_id?: string;
}

interface ResponsesEvent {
  type: string;
  delta: string;
  /** The whole arguments, on `response.function_call_arguments.done`. */
  arguments: string;
  item_id: string;
  item: ResponsesItem;
  code: string | null;
  message: string;
  /** Which part of a reasoning summary a delta belongs to. */
  summary_index: number;
  /** The `error` event as the API sends it: message and code nested here, not at the top level as documented. */
  error: { code?: string | null; type?: string; message?: string } | null;
  response: {
    id?: string;
    model?: string;
    usage?: {
      input_tokens?: number;
      output_tokens?: number;
      input_tokens_details?: { cached_tokens?: number } | null;
      output_tokens_details?: { reasoning_tokens?: number };
    };
    incomplete_details?: { reason?: string } | null;
    error?: { code?: string; message?: string } | null;
  };
}

function usageOf(usage: NonNullable<ResponsesEvent['response']['usage']>): Usage {
  const result: { -readonly [K in keyof Usage]: Usage[K] } = {};
  if (usage.input_tokens !== undefined) result.inputTokens = usage.input_tokens;
  const cached = usage.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  if (usage.output_tokens !== undefined) result.outputTokens = usage.output_tokens;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}

/** Creates an adapter for one Responses API stream. Tool calls are identified by their `call_id`. */
export function createOpenAIResponsesAdapter(): ProtocolAdapter {
  /** Output item id (`fc_…`) → call id (`call_…`, what a tool result must reference). */
  const callIds = new Map<string, string>();
  const ended = new Set<string>();
  /** Calls whose arguments arrived as deltas (or with the item): a final copy is not added again. */
  const streamedArgs = new Set<string>();
  /** The reasoning summary part the last summary delta belonged to (`item:index`). */
  let summaryPart: string | undefined;
  /** Tools the API runs itself: shown as calls, never counted as `tool-calls` for the app to run. */
  const builtIns = createBuiltInCalls();
  let done = false;

  /**
   * Ends a call. Some servers (LM Studio's Responses endpoint) send a call's
   * arguments only whole, in `function_call_arguments.done` or
   * `output_item.done`: where no delta came, those become the arguments. Where
   * deltas came, they stand and the final copy is not compared (the assembler
   * already validated what streamed).
   */
  function endCall(itemId: string | undefined, wholeArguments: string | undefined): readonly StreamPart[] {
    const id = itemId === undefined ? undefined : callIds.get(itemId);
    if (id === undefined || ended.has(id)) return NO_PARTS;
    ended.add(id);
    const parts: StreamPart[] = [];
    if (!streamedArgs.has(id) && typeof wholeArguments === 'string' && wholeArguments !== '') {
      streamedArgs.add(id);
      parts.push({ type: 'tool-call-delta', id, argsDelta: wholeArguments });
    }
    parts.push({ type: 'tool-call-end', id });
    return parts;
  }

  function finish(
    reason: FinishReason,
    response: ResponsesEvent['response'] | undefined,
  ): readonly StreamPart[] {
    done = true;
    const parts: StreamPart[] = [];
    for (const id of callIds.values()) if (!ended.has(id)) parts.push({ type: 'tool-call-end', id });
    parts.push(...builtIns.endAll());
    parts.push(
      response?.usage
        ? { type: 'finish', reason, usage: usageOf(response.usage) }
        : { type: 'finish', reason },
    );
    return parts;
  }

  function push(message: SSEMessage): readonly StreamPart[] {
    if (done) return NO_PARTS;
    const event = parseData<ResponsesEvent>('openai-responses', message);
    switch (event.type ?? message.event) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return isText(event.delta) ? [{ type: 'text-delta', delta: event.delta }] : NO_PARTS;
      case 'response.reasoning_summary_text.delta': {
        if (!isText(event.delta)) return NO_PARTS;
        // A summary comes in parts (often each with its own bold title): a blank line
        // between them, as the API's own summary array would be shown.
        const part = `${event.item_id}:${event.summary_index ?? 0}`;
        const separator = summaryPart !== undefined && summaryPart !== part ? '\n\n' : '';
        summaryPart = part;
        return [{ type: 'reasoning-delta', delta: separator + event.delta }];
      }
      case 'response.reasoning_text.delta':
        return isText(event.delta) ? [{ type: 'reasoning-delta', delta: event.delta }] : NO_PARTS;
      case 'response.function_call_arguments.delta': {
        const id = event.item_id === undefined ? undefined : callIds.get(event.item_id);
        if (id === undefined || !isText(event.delta)) return NO_PARTS;
        streamedArgs.add(id);
        return [{ type: 'tool-call-delta', id, argsDelta: event.delta }];
      }
      case 'response.mcp_call_arguments.delta':
        return isText(event.delta) ? builtIns.argumentsDelta(event.item_id, event.delta, 'json') : NO_PARTS;
      case 'response.code_interpreter_call_code.delta':
        return isText(event.delta) ? builtIns.argumentsDelta(event.item_id, event.delta, 'code') : NO_PARTS;
      case 'response.code_interpreter_call_code.done':
        return builtIns.codeDone(event.item_id);
      case 'response.output_item.added': {
        const item = event.item;
        if (item?.type !== 'function_call') return builtIns.start(item) ?? NO_PARTS;
        const id = item.call_id ?? item.id ?? `call_${callIds.size}`;
        callIds.set(item.id ?? id, id);
        const parts: StreamPart[] = [{ type: 'tool-call-start', id, name: item.name ?? '' }];
        if (item.arguments) {
          streamedArgs.add(id);
          parts.push({ type: 'tool-call-delta', id, argsDelta: item.arguments });
        }
        return parts;
      }
      case 'response.function_call_arguments.done':
        return endCall(event.item_id, event.arguments);
      case 'response.output_item.done':
        return event.item?.type === 'function_call'
          ? endCall(event.item.id ?? event.item.call_id, event.item.arguments)
          : (builtIns.done(event.item) ?? NO_PARTS);
      case 'response.created': {
        const parts: StreamPart[] = [];
        if (event.response?.id !== undefined)
          parts.push({ type: 'meta', key: 'id', value: event.response.id });
        if (event.response?.model !== undefined)
          parts.push({ type: 'meta', key: 'model', value: event.response.model });
        return parts;
      }
      case 'response.completed':
        return finish(callIds.size > 0 ? 'tool-calls' : 'stop', event.response);
      case 'response.incomplete': {
        const reason = event.response?.incomplete_details?.reason;
        return finish(
          reason === 'max_output_tokens'
            ? 'length'
            : reason === 'content_filter'
              ? 'content-filter'
              : 'other',
          event.response,
        );
      }
      case 'response.failed': {
        done = true;
        const error = event.response?.error;
        const text = error?.message ?? 'The response failed';
        return [
          error?.code ? { type: 'error', message: text, code: error.code } : { type: 'error', message: text },
        ];
      }
      case 'error': {
        done = true;
        const text = event.message ?? event.error?.message ?? 'Unknown error';
        const code = event.code ?? event.error?.code ?? event.error?.type;
        return [code ? { type: 'error', message: text, code } : { type: 'error', message: text }];
      }
      default:
        return NO_PARTS;
    }
  }

  return {
    protocol: 'openai-responses',
    push,
    get done() {
      return done;
    },
  };
}
