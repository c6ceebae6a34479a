/**
 * The tools the Responses API runs itself (web search, file search, code
 * interpreter, image generation, remote MCP): each arrives as an output item of
 * its own type, not a `function_call`. They become tool calls marked
 * `providerExecuted`, so a UI can say "Searching the web…" instead of nothing.
 */
import type { StreamPart } from './parts.ts';

/** The fields of a built-in tool's output item that the snapshot shows. */
export interface BuiltInItem {
  type?: string;
  id?: string;
  status?: string;
  /** `mcp_call`: the MCP tool and its JSON arguments; `output` or `error` when done. */
  name?: string;
  arguments?: string;
  output?: unknown;
  error?: unknown;
  /** `web_search_call`: what was searched (`{ type: 'search', query, sources? }`). */
  action?: unknown;
  /** `file_search_call`. */
  queries?: unknown;
  results?: unknown;
  /** `code_interpreter_call`. */
  code?: string | null;
  outputs?: unknown;
  /** `image_generation_call`: the image, base64. */
  result?: unknown;
}

const NAMES: Readonly<Record<string, string>> = {
  web_search_call: 'web_search',
  file_search_call: 'file_search',
  code_interpreter_call: 'code_interpreter',
  image_generation_call: 'image_generation',
  mcp_call: 'mcp',
};

/** The tool's name when `item` is a built-in tool call (an MCP call is named by its tool), else undefined. */
export function builtInToolName(item: BuiltInItem | undefined): string | undefined {
  const name = item?.type === undefined ? undefined : NAMES[item.type];
  if (name === 'mcp' && typeof item?.name === 'string' && item.name !== '') return item.name;
  return name;
}

/** What the tool was asked, as JSON text, from its finished item. */
function argumentsOf(item: BuiltInItem): string {
  switch (item.type) {
    case 'mcp_call':
      return typeof item.arguments === 'string' && item.arguments !== '' ? item.arguments : '{}';
    case 'web_search_call':
      return JSON.stringify(item.action ?? {});
    case 'file_search_call':
      return JSON.stringify(item.queries === undefined ? {} : { queries: item.queries });
    case 'code_interpreter_call':
      return JSON.stringify(typeof item.code === 'string' ? { code: item.code } : {});
    default:
      return '{}';
  }
}

/** The tool's result part, from its finished item. */
function resultOf(id: string, item: BuiltInItem): StreamPart {
  let result: unknown;
  switch (item.type) {
    case 'mcp_call':
      result = item.error ?? item.output ?? null;
      break;
    case 'file_search_call':
      result = item.results ?? null;
      break;
    case 'code_interpreter_call':
      result = item.outputs ?? null;
      break;
    case 'image_generation_call':
      result = item.result ?? null;
      break;
    default:
      // A web search's findings are in the answer's citations; its item says only how it went.
      result = { status: item.status ?? 'completed' };
  }
  const failed = item.status === 'failed' || (item.type === 'mcp_call' && item.error != null);
  return failed
    ? { type: 'tool-result', id, result, isError: true, providerExecuted: true }
    : { type: 'tool-result', id, result, providerExecuted: true };
}

/** The built-in calls of one response: their starts, streamed arguments, and ends with results. */
export interface BuiltInCalls {
  /** `output_item.added`: the parts that open the call, or undefined when `item` is no built-in tool. */
  start(item: BuiltInItem | undefined): readonly StreamPart[] | undefined;
  /** `mcp_call_arguments.delta` (JSON text) or `code_interpreter_call_code.delta` (code, shown as `{ code }`). */
  argumentsDelta(itemId: string | undefined, delta: string, kind: 'json' | 'code'): readonly StreamPart[];
  /** `code_interpreter_call_code.done`: closes the streamed `{ code }`. */
  codeDone(itemId: string | undefined): readonly StreamPart[];
  /** `output_item.done`: the arguments if none streamed, the end, and the result. Undefined when no built-in call. */
  done(item: BuiltInItem | undefined): readonly StreamPart[] | undefined;
  /** The response ended: calls still open end (without a result). */
  endAll(): readonly StreamPart[];
}

interface Open {
  streamed: boolean;
  /** A `{"code": "` opened by code deltas and not yet closed. */
  codeOpen: boolean;
}

/** Tracks the built-in tool calls of one Responses stream, by output item id. */
export function createBuiltInCalls(): BuiltInCalls {
  const open = new Map<string, Open>();
  const ended = new Set<string>();

  function closeCode(id: string, call: Open): StreamPart[] {
    if (!call.codeOpen) return [];
    call.codeOpen = false;
    return [{ type: 'tool-call-delta', id, argsDelta: '"}' }];
  }

  function start(item: BuiltInItem | undefined): readonly StreamPart[] | undefined {
    const name = builtInToolName(item);
    if (name === undefined || typeof item?.id !== 'string') return undefined;
    if (open.has(item.id) || ended.has(item.id)) return [];
    open.set(item.id, { streamed: false, codeOpen: false });
    return [{ type: 'tool-call-start', id: item.id, name, providerExecuted: true }];
  }

  return {
    start,
    argumentsDelta(itemId, delta, kind) {
      const call = itemId === undefined ? undefined : open.get(itemId);
      if (itemId === undefined || call === undefined || delta === '') return [];
      // Code is text, not JSON: it streams as the string of a `{ code }` object,
      // each piece escaped on its own (a JSON string may be cut anywhere between characters).
      let argsDelta = delta;
      if (kind === 'code') {
        argsDelta = JSON.stringify(delta).slice(1, -1);
        if (!call.streamed) argsDelta = `{"code": "${argsDelta}`;
        call.codeOpen = true;
      }
      call.streamed = true;
      return [{ type: 'tool-call-delta', id: itemId, argsDelta }];
    },
    codeDone(itemId) {
      const call = itemId === undefined ? undefined : open.get(itemId);
      return itemId === undefined || call === undefined ? [] : closeCode(itemId, call);
    },
    done(item) {
      if (builtInToolName(item) === undefined || typeof item?.id !== 'string') return undefined;
      const id = item.id;
      if (ended.has(id)) return [];
      // An item done without being added first opens here.
      const parts: StreamPart[] = open.has(id) ? [] : [...(start(item) ?? [])];
      const call = open.get(id) as Open;
      parts.push(...closeCode(id, call));
      if (!call.streamed) parts.push({ type: 'tool-call-delta', id, argsDelta: argumentsOf(item) });
      parts.push({ type: 'tool-call-end', id }, resultOf(id, item));
      open.delete(id);
      ended.add(id);
      return parts;
    },
    endAll() {
      const parts: StreamPart[] = [];
      for (const [id, call] of open) parts.push(...closeCode(id, call), { type: 'tool-call-end', id });
      open.clear();
      return parts;
    },
  };
}
