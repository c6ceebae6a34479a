/** One piece of a scripted answer, streamed in order. */
export type ScriptPart =
  | { kind: 'reasoning'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'tool-call'; id: string; name: string; arguments: string };

/** A tool call the script makes: `arguments` is the exact JSON text streamed. */
export interface ScriptToolCall {
  /** Stable suffix of the call id; each format adds its own prefix (`call_`, `toolu_`, `fc_`). */
  id: string;
  name: string;
  /** The JSON text of the arguments, exactly as the deltas concatenate. */
  arguments: string;
}

/**
 * A canned answer and everything a test needs to check a client received it
 * whole: the final text, the reasoning, and each tool call's argument JSON.
 */
export interface MockScript {
  name: string;
  /** One line on what the script exercises. */
  description: string;
  parts: readonly ScriptPart[];
  /** The answer text (all text parts joined): what a client's final message text must equal. */
  text: string;
  /** The reasoning text ('' when the script has none). */
  reasoning: string;
  toolCalls: readonly ScriptToolCall[];
  /** Tool calls are streamed interleaved (by index) where the wire format allows it. */
  parallel: boolean;
}

/**
 * Builds a {@link MockScript} from its parts, deriving the expected values so
 * they cannot drift from what is streamed.
 */
export function defineScript(
  name: string,
  description: string,
  parts: readonly ScriptPart[],
  parallel = false,
): MockScript {
  let text = '';
  let reasoning = '';
  const toolCalls: ScriptToolCall[] = [];
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'reasoning') reasoning += part.text;
    else toolCalls.push({ id: part.id, name: part.name, arguments: part.arguments });
  }
  return { name, description, parts, text, reasoning, toolCalls, parallel };
}
