import type { MockScript, ScriptPart } from '../scripts/script-types.ts';
import type { ScriptToken } from '../scripts/token-timeline.ts';
import type { WireEvent } from './wire-event.ts';

/** What a format encoder needs besides the script. */
export interface FormatContext {
  script: MockScript;
  /** Echoed from the request body's `model`, as providers do. */
  model: string;
  /**
   * Stem of every id in the response (`chatcmpl-…`, `msg_…`). Derived from the
   * request (script, seed), never from the clock, so a resumed response is
   * byte-identical to the one it continues.
   */
  responseId: string;
  /** Rough prompt size in tokens, for usage fields. */
  inputTokens: number;
  /** Chat Completions `stream_options.include_usage`. */
  includeUsage: boolean;
}

/** Turns a script into the complete, ordered event list of one wire format. */
export type FormatEncoder = (context: FormatContext) => WireEvent[];

/**
 * `created` / `created_at` of every response: fixed, for the same reason as
 * {@link FormatContext.responseId}. 2026-01-01T00:00:00Z.
 */
export const CREATED_AT = 1_767_225_600;

/** Callbacks for {@link walkTokens}; `partIndex` indexes `script.parts`. */
export interface TokenVisitor {
  start(part: ScriptPart, partIndex: number): void;
  token(part: ScriptPart, partIndex: number, text: string): void;
  end(part: ScriptPart, partIndex: number): void;
}

/**
 * Walks tokens in wire order, announcing each part before its first token and
 * closing it after its last, which is what every format's start/stop events
 * hang on, including when tool calls interleave.
 */
export function walkTokens(script: MockScript, tokens: readonly ScriptToken[], visitor: TokenVisitor): void {
  const lastTokenOf = new Map<number, number>();
  for (const [index, token] of tokens.entries()) lastTokenOf.set(token.part, index);
  const started = new Set<number>();
  for (const [index, token] of tokens.entries()) {
    const part = script.parts[token.part]!;
    if (!started.has(token.part)) {
      started.add(token.part);
      visitor.start(part, token.part);
    }
    visitor.token(part, token.part, token.text);
    if (lastTokenOf.get(token.part) === index) visitor.end(part, token.part);
  }
}

/** Output tokens of a response, split for usage fields. */
export function countTokens(
  tokens: readonly ScriptToken[],
  script: MockScript,
): { output: number; reasoning: number } {
  let reasoning = 0;
  for (const token of tokens) if (script.parts[token.part]!.kind === 'reasoning') reasoning++;
  return { output: tokens.length, reasoning };
}
