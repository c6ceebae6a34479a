import { scriptTokens } from '../scripts/token-timeline.ts';
import type { FormatEncoder } from './format-context.ts';
import type { WireEvent } from './wire-event.ts';

/**
 * A plain `text/plain; charset=utf-8` stream of the answer text, one token per
 * event and no framing (what the AI SDK calls a text stream and what
 * `Response.text()` demos read). Reasoning and tool calls have no place in it
 * and are left out, so the body equals `script.text`.
 */
export const encodePlainText: FormatEncoder = (context) => {
  const { script } = context;
  const events: WireEvent[] = [];
  for (const token of scriptTokens(script, { interleave: false })) {
    if (script.parts[token.part]!.kind === 'text') events.push({ data: token.text, token: true });
  }
  return events;
};
