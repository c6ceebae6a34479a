import { mulberry32 } from '../profiles/prng.ts';
import type { MockScript } from './script-types.ts';
import { tokenize } from './tokenize.ts';

/** One token of a script, tagged with the part (index into `script.parts`) it belongs to. */
export interface ScriptToken {
  part: number;
  text: string;
}

const cache = new WeakMap<MockScript, { sequential: ScriptToken[]; interleaved: ScriptToken[] }>();

/**
 * The order in which a script's tokens go on the wire.
 *
 * Parts stream one after another. For a `parallel` script, formats that allow
 * it (`interleave: true`: Chat Completions by tool index, Responses by item,
 * the AI SDK by tool call id) get the tool calls' argument tokens interleaved in
 * runs of 1–3, which is what exercises a client's per-index reassembly.
 * Anthropic never interleaves content blocks, so it asks for the sequential order.
 * The interleaving uses a fixed seed: it is part of the script, not of timing.
 */
export function scriptTokens(script: MockScript, options: { interleave: boolean }): readonly ScriptToken[] {
  let entry = cache.get(script);
  if (entry === undefined) {
    const perPart = script.parts.map((part, index) =>
      tokenize(part.kind === 'tool-call' ? part.arguments : part.text).map((text) => ({ part: index, text })),
    );
    const sequential = perPart.flat();
    entry = { sequential, interleaved: script.parallel ? interleaveToolCalls(script, perPart) : sequential };
    cache.set(script, entry);
  }
  return options.interleave ? entry.interleaved : entry.sequential;
}

function interleaveToolCalls(script: MockScript, perPart: ScriptToken[][]): ScriptToken[] {
  const random = mulberry32(7);
  const tokens: ScriptToken[] = [];
  const queues: ScriptToken[][] = [];
  for (const [index, part] of script.parts.entries()) {
    if (part.kind === 'tool-call') queues.push([...perPart[index]!]);
    else tokens.push(...perPart[index]!);
  }
  // Every call's first token goes out before any call's second run, so each
  // call has started (id and name sent) before deltas interleave.
  let turn = 0;
  while (queues.some((queue) => queue.length > 0)) {
    const queue = queues[turn % queues.length]!;
    const run = turn < queues.length ? 1 : 1 + Math.floor(random() * 3);
    tokens.push(...queue.splice(0, run));
    turn++;
  }
  return tokens;
}
