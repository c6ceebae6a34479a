/**
 * OpenAI Chat Completions streaming (`chat.completion.chunk` objects, ending `data: [DONE]`).
 * Parallel tool calls arrive interleaved and keyed by `index`; only their first
 * chunk carries `id` and `name`, so the adapter maps index → id.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
import type { SSEMessage } from '../sse/types.ts';
import { NO_PARTS, type ProtocolAdapter, parseData } from './adapter.ts';
import type { FinishReason, StreamPart, Usage } from './parts.ts';

interface ChatToolCallDelta {
  index?: number;
  id?: string | null;
  function?: { name?: string; arguments?: string };
}

interface ChatChunk {
  id: string;
  object: string;
  model: string;
  choices: {
    index?: number;
    delta?: {
      /** Sent on the chunk that opens a generation. */
      role?: string;
      content?: string | null;
      refusal?: string | null;
      /** Not in OpenAI's API; sent by OpenAI-compatible servers (DeepSeek, vLLM, OpenRouter). */
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ChatToolCallDelta[];
    };
    finish_reason?: string | null;
  }[];
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number } | null;
    completion_tokens_details?: { reasoning_tokens?: number };
  } | null;
  error?: { message?: string; code?: string | number | null; type?: string };
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** Maps a Chat Completions usage object to {@link Usage}. */
function usageOf(usage: NonNullable<ChatChunk['usage']>): Usage {
  const result: { -readonly [K in keyof Usage]: Usage[K] } = {};
  if (usage.prompt_tokens !== undefined) result.inputTokens = usage.prompt_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') result.cachedInputTokens = cached;
  if (usage.completion_tokens !== undefined) result.outputTokens = usage.completion_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  return result;
}

/**
 * Creates an adapter for one Chat Completions stream. Only choice 0 is read (`n: 1`,
 * the streaming UI case). `finish` is emitted at `[DONE]`, so it can carry the usage
 * chunk that `stream_options.include_usage` sends after `finish_reason`; or at the
 * end of a body that stops after `finish_reason` without `[DONE]`.
 */
export function createOpenAIChatAdapter(): ProtocolAdapter {
  const callIds = new Map<number, string>();
  const openCalls = new Set<string>();
  /** Ids made up from an index because the server sent none. */
  const synthesized = new Set<string>();
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  /** The completion id of the chunks so far: a chunk with another id belongs to another generation. */
  let completionId: string | undefined;
  let lastHadRole = false;
  let done = false;

  function closeOpenCalls(parts: StreamPart[]): void {
    for (const id of openCalls) parts.push({ type: 'tool-call-end', id });
    openCalls.clear();
  }

  function finish(): StreamPart[] {
    done = true;
    const parts: StreamPart[] = [];
    closeOpenCalls(parts);
    parts.push(
      usage
        ? { type: 'finish', reason: finishReason ?? 'stop', usage }
        : { type: 'finish', reason: finishReason ?? 'stop' },
    );
    return parts;
  }

  function push(message: SSEMessage): readonly StreamPart[] {
    if (done) return NO_PARTS;
    if (message.data === '[DONE]') return finish();
    const chunk = parseData<ChatChunk>('openai-chat', message);
    if (chunk.error) {
      done = true;
      const code = chunk.error.code ?? chunk.error.type;
      const error = { type: 'error', message: chunk.error.message ?? 'Unknown error' } as const;
      return [code === undefined || code === null ? error : { ...error, code: String(code) }];
    }
    const parts: StreamPart[] = [];
    // Choice 0 is first in practice; search only when a server interleaves choices.
    let choice = chunk.choices?.[0];
    if (choice && (choice.index ?? 0) !== 0) choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    const delta = choice?.delta;
    // A generation opens with a `role` chunk (some servers repeat the role on
    // every chunk: only its return after chunks without one counts).
    const hasRole = typeof delta?.role === 'string';
    const reopened = hasRole && !lastHadRole && completionId !== undefined;
    lastHadRole = hasRole;
    // Azure's opening prompt-filter chunk has an empty id: the meta comes from the next chunk.
    // A new id, or a reopening under the same one, is a new generation (a
    // resume the server answered by starting over): its meta part lets the run tell.
    if (typeof chunk.id === 'string' && chunk.id !== '' && (chunk.id !== completionId || reopened)) {
      const first = completionId === undefined;
      completionId = chunk.id;
      parts.push({ type: 'meta', key: 'id', value: chunk.id });
      if (first && chunk.model !== undefined) parts.push({ type: 'meta', key: 'model', value: chunk.model });
    }
    if (chunk.usage) usage = usageOf(chunk.usage);
    if (delta) {
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === 'string' && reasoning)
        parts.push({ type: 'reasoning-delta', delta: reasoning });
      if (typeof delta.content === 'string' && delta.content)
        parts.push({ type: 'text-delta', delta: delta.content });
      // A refusal is the visible answer in place of content.
      if (typeof delta.refusal === 'string' && delta.refusal)
        parts.push({ type: 'text-delta', delta: delta.refusal });
      // Only an array of objects names tool calls: `[null]` or `7` from a broken server is skipped.
      const toolCalls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
      for (const raw of toolCalls) {
        if (raw === null || typeof raw !== 'object') continue;
        // SGLang and some gateways send `"id": null` on follow-up deltas, DashScope `"id": ""`:
        // neither names a new call, so both read as an absent id.
        const call = raw.id ? raw : { ...raw, id: undefined };
        const index = call.index ?? 0;
        let id = callIds.get(index);
        // Some compatible servers (Gemini's among them) send parallel calls whole, one
        // per chunk, all at index 0 or with no index: a new id at a used index is a new
        // call, not more arguments for the previous one.
        const reused = id !== undefined && call.id !== undefined && call.id !== id && !synthesized.has(id);
        if (id === undefined || reused) {
          if (reused && openCalls.delete(id!)) parts.push({ type: 'tool-call-end', id: id! });
          // Some compatible servers omit the id: synthesize a stable one from the index.
          id = call.id ?? `call_${index}`;
          if (call.id === undefined) synthesized.add(id);
          callIds.set(index, id);
          openCalls.add(id);
          parts.push({ type: 'tool-call-start', id, name: call.function?.name ?? '' });
        }
        const args = call.function?.arguments;
        if (args) parts.push({ type: 'tool-call-delta', id, argsDelta: args });
      }
    }
    if (choice?.finish_reason) {
      finishReason = FINISH[choice.finish_reason] ?? 'other';
      closeOpenCalls(parts);
    }
    return parts.length > 0 ? parts : NO_PARTS;
  }

  return {
    protocol: 'openai-chat',
    push,
    get done() {
      return done;
    },
    // Some OpenAI-compatible servers end the body after the finish_reason chunk
    // without `[DONE]`. The answer is whole by then (only the usage chunk may be
    // missing), so that end is not a dropped connection.
    get endable() {
      return finishReason !== undefined;
    },
    end() {
      return done || finishReason === undefined ? NO_PARTS : finish();
    },
  };
}
