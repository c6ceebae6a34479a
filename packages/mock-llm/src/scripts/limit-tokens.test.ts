import { describe, expect, it } from 'vitest';
import { limitTokens } from './limit-tokens.ts';
import { SCRIPTS } from './registry.ts';
import { tokenize } from './tokenize.ts';

describe('limitTokens', () => {
  it('keeps the first n tokens of the text, cut at a token boundary', () => {
    const tokens = tokenize(SCRIPTS.long.text);
    const short = limitTokens(SCRIPTS.long, 300);
    expect(short.text).toBe(tokens.slice(0, 300).join(''));
    expect(tokenize(short.text)).toHaveLength(300);
  });

  it('returns the script itself without a limit or with one past its end', () => {
    expect(limitTokens(SCRIPTS.text, null)).toBe(SCRIPTS.text);
    expect(limitTokens(SCRIPTS.text, 1_000_000)).toBe(SCRIPTS.text);
  });

  it('returns the same object for the same limit', () => {
    expect(limitTokens(SCRIPTS.long, 50)).toBe(limitTokens(SCRIPTS.long, 50));
  });

  it('keeps a tool call only whole', () => {
    const script = SCRIPTS['tool-call'];
    const before = script.parts.findIndex((part) => part.kind === 'tool-call');
    const prefix = script.parts
      .slice(0, before)
      .reduce((n, part) => n + tokenize(part.kind === 'tool-call' ? part.arguments : part.text).length, 0);
    const limited = limitTokens(script, prefix + 1);
    expect(limited.toolCalls).toEqual([]);
    expect(limited.parts.every((part) => part.kind !== 'tool-call')).toBe(true);
  });
});
