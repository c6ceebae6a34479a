import { defineScript, type MockScript, type ScriptPart } from './script-types.ts';
import { tokenize } from './tokenize.ts';

const limited = new WeakMap<MockScript, Map<number, MockScript>>();

/**
 * The first `maxTokens` tokens of `script`, as a script of its own (the
 * `maxTokens` request option): one long answer serves every length a benchmark
 * wants, so a run at 50 tok/s and one at 5,000 tok/s can both last seconds.
 * Text and reasoning are cut at a token boundary; a tool call is kept only
 * whole, never as half its JSON. The same object for the same arguments, so the
 * token order a format derives from it is computed once.
 */
export function limitTokens(script: MockScript, maxTokens: number | null): MockScript {
  if (maxTokens === null) return script;
  let byLimit = limited.get(script);
  if (!byLimit) {
    byLimit = new Map();
    limited.set(script, byLimit);
  }
  let result = byLimit.get(maxTokens);
  if (!result) {
    result = cut(script, maxTokens);
    byLimit.set(maxTokens, result);
  }
  return result;
}

function cut(script: MockScript, maxTokens: number): MockScript {
  const parts: ScriptPart[] = [];
  let left = maxTokens;
  for (const part of script.parts) {
    if (left <= 0) break;
    if (part.kind === 'tool-call') {
      const size = tokenize(part.arguments).length;
      if (size > left) break;
      parts.push(part);
      left -= size;
      continue;
    }
    const tokens = tokenize(part.text);
    if (tokens.length <= left) {
      parts.push(part);
      left -= tokens.length;
    } else {
      parts.push({ ...part, text: tokens.slice(0, left).join('') });
      left = 0;
    }
  }
  if (parts.length === script.parts.length && left >= 0 && parts.at(-1) === script.parts.at(-1))
    return script;
  return defineScript(script.name, script.description, parts, script.parallel);
}
