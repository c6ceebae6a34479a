/**
 * Anthropic Messages streaming: `message_start`, content blocks (`text`, `thinking`,
 * `tool_use` with `input_json_delta`) framed by start/stop events, `message_delta`
 * with the stop reason and output usage, ending `message_stop`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import type { SSEMessage } from '../sse/types.ts';
import { isText, NO_PARTS, type ProtocolAdapter, parseData } from './adapter.ts';
import type { FinishReason, StreamPart, Usage } from './parts.ts';

/** `input_tokens` excludes the prompt-cache reads and writes, which are counted apart. */
interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

interface AnthropicEvent {
  type: string;
  index: number;
  message: { id?: string; model?: string; usage?: AnthropicUsage };
  content_block: {
    type?: string;
    id?: string;
    name?: string;
    text?: string;
    thinking?: string;
    input?: unknown;
    /** A server or MCP tool's result block: the call it answers, and its content. */
    tool_use_id?: string;
    content?: unknown;
    is_error?: boolean;
  };
  delta: {
    type?: string;
    text?: string;
    thinking?: string;
    partial_json?: string;
    stop_reason?: string | null;
  };
  usage: AnthropicUsage;
  error: { type?: string; message?: string };
}

const FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

/**
 * A server or MCP tool's result block (`web_search_tool_result`,
 * `code_execution_tool_result`, `mcp_tool_result`, …), whole in its
 * `content_block_start`. A failure is `is_error` (MCP) or a content object whose
 * type ends in `_error` (`web_search_tool_result_error`).
 */
function serverToolResult(id: string, block: AnthropicEvent['content_block']): StreamPart {
  const content = block.content;
  const contentType = (content as { type?: unknown } | null)?.type;
  const isError =
    block.is_error === true || (typeof contentType === 'string' && contentType.endsWith('_error'));
  return isError
    ? { type: 'tool-result', id, result: content, isError: true, providerExecuted: true }
    : { type: 'tool-result', id, result: content, providerExecuted: true };
}

/** Creates an adapter for one Anthropic Messages stream. */
export function createAnthropicAdapter(): ProtocolAdapter {
  /** Content block index → tool call id, for `tool_use` blocks only. */
  const toolBlocks = new Map<number, string>();
  /** Tool calls that received some `input_json_delta`. */
  const withInput = new Set<string>();
  /** The `input` of each open tool block's `content_block_start` (`{}` when streamed). */
  const startInputs = new Map<string, unknown>();
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let cacheRead: number | undefined;
  let cacheWrite: number | undefined;

  /** message_start's usage, then message_delta's (cumulative: the last number reported wins; null is "not reported"). */
  function readUsage(usage: AnthropicUsage | undefined): void {
    if (typeof usage?.input_tokens === 'number') inputTokens = usage.input_tokens;
    if (typeof usage?.output_tokens === 'number') outputTokens = usage.output_tokens;
    if (typeof usage?.cache_read_input_tokens === 'number') cacheRead = usage.cache_read_input_tokens;
    if (typeof usage?.cache_creation_input_tokens === 'number')
      cacheWrite = usage.cache_creation_input_tokens;
  }
  let finishReason: FinishReason = 'stop';
  let done = false;

  /**
   * A tool without parameters streams no `input_json_delta` (or only an empty one):
   * its input is `{}`, as `content_block_start` says, not an unfinished JSON text.
   */
  function endCall(id: string): StreamPart[] {
    const input = startInputs.get(id);
    startInputs.delete(id);
    if (withInput.delete(id)) return [{ type: 'tool-call-end', id }];
    return [
      { type: 'tool-call-delta', id, argsDelta: JSON.stringify(input ?? {}) },
      { type: 'tool-call-end', id },
    ];
  }

  function push(message: SSEMessage): readonly StreamPart[] {
    if (done) return NO_PARTS;
    const event = parseData<AnthropicEvent>('anthropic', message);
    switch (event.type ?? message.event) {
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta?.type === 'text_delta' && isText(delta.text))
          return [{ type: 'text-delta', delta: delta.text }];
        if (delta?.type === 'thinking_delta' && isText(delta.thinking))
          return [{ type: 'reasoning-delta', delta: delta.thinking }];
        if (delta?.type === 'input_json_delta' && isText(delta.partial_json)) {
          const id = toolBlocks.get(event.index ?? 0);
          if (id !== undefined) {
            withInput.add(id);
            return [{ type: 'tool-call-delta', id, argsDelta: delta.partial_json }];
          }
        }
        return NO_PARTS;
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (
          block?.type === 'tool_use' ||
          block?.type === 'server_tool_use' ||
          block?.type === 'mcp_tool_use'
        ) {
          const id = block.id ?? `toolu_${event.index ?? 0}`;
          toolBlocks.set(event.index ?? 0, id);
          startInputs.set(id, block.input);
          const start = { type: 'tool-call-start', id, name: block.name ?? '' } as const;
          // Server tools (web search, web fetch, code execution) and MCP tools run at Anthropic.
          return [block.type === 'tool_use' ? start : { ...start, providerExecuted: true }];
        }
        if (block?.type?.endsWith('_tool_result') && typeof block.tool_use_id === 'string')
          return [serverToolResult(block.tool_use_id, block)];
        if (block?.type === 'text' && block.text) return [{ type: 'text-delta', delta: block.text }];
        if (block?.type === 'thinking' && block.thinking)
          return [{ type: 'reasoning-delta', delta: block.thinking }];
        return NO_PARTS;
      }
      case 'content_block_stop': {
        const id = toolBlocks.get(event.index ?? 0);
        if (id === undefined) return NO_PARTS;
        toolBlocks.delete(event.index ?? 0);
        return endCall(id);
      }
      case 'message_start': {
        readUsage(event.message?.usage);
        const parts: StreamPart[] = [];
        if (event.message?.id !== undefined) parts.push({ type: 'meta', key: 'id', value: event.message.id });
        if (event.message?.model !== undefined)
          parts.push({ type: 'meta', key: 'model', value: event.message.model });
        return parts;
      }
      case 'message_delta': {
        const reason = event.delta?.stop_reason;
        if (reason) finishReason = FINISH[reason] ?? 'other';
        // message_delta usage is cumulative, so the last one wins.
        // The SDK types allow null here: null is "not reported", not zero, and keeps message_start's count.
        readUsage(event.usage);
        return NO_PARTS;
      }
      case 'message_stop': {
        done = true;
        const usage: { -readonly [K in keyof Usage]: Usage[K] } = {};
        // One meaning across providers: every prompt token, cached ones included.
        if (inputTokens !== undefined) usage.inputTokens = inputTokens + (cacheRead ?? 0) + (cacheWrite ?? 0);
        if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
        if (outputTokens !== undefined) usage.outputTokens = outputTokens;
        const parts: StreamPart[] = [];
        // Blocks still open at message_stop cannot grow any more: close them.
        for (const id of toolBlocks.values()) parts.push(...endCall(id));
        toolBlocks.clear();
        parts.push({ type: 'finish', reason: finishReason, usage });
        return parts;
      }
      case 'error': {
        done = true;
        const { message: text = 'Unknown error', type } = event.error ?? {};
        return [type ? { type: 'error', message: text, code: type } : { type: 'error', message: text }];
      }
      default:
        // ping, and event types added after this adapter was written.
        return NO_PARTS;
    }
  }

  return {
    protocol: 'anthropic',
    push,
    get done() {
      return done;
    },
  };
}
