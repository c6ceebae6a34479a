import { describe, expect, it } from 'vitest';
import { SCRIPT_NAMES, SCRIPTS } from './registry.ts';
import { scriptTokens } from './token-timeline.ts';
import { tokenize } from './tokenize.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('tokenize', () => {
  it.each(SCRIPT_NAMES)('is lossless and well-formed on the %s script', (name) => {
    for (const part of SCRIPTS[name].parts) {
      const source = part.kind === 'tool-call' ? part.arguments : part.text;
      const tokens = tokenize(source);
      expect(tokens.join('')).toBe(source);
      expect(tokens.some((token) => token === '' || LONE_SURROGATE.test(token))).toBe(false);
    }
  });

  it('cuts word-ish pieces of about four characters', () => {
    expect(tokenize('Streaming text, fast!\n\nOK 12345')).toEqual([
      'Stre',
      'amin',
      'g',
      ' text',
      ',',
      ' fast',
      '!',
      '\n\n',
      'OK',
      ' 123',
      '45',
    ]);
    const tokens = tokenize(SCRIPTS.long.text);
    const mean = SCRIPTS.long.text.length / tokens.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(5);
  });

  it('never splits an emoji or a combining sequence inside a surrogate pair', () => {
    expect(tokenize('🚀🚀🚀🚀🚀')).toEqual(['🚀🚀🚀🚀', '🚀']);
  });
});

describe('scriptTokens', () => {
  it('interleaves parallel tool calls only when asked, keeping each call in order', () => {
    const script = SCRIPTS['parallel-tools'];
    const sequential = scriptTokens(script, { interleave: false });
    const interleaved = scriptTokens(script, { interleave: true });
    const parts = (tokens: readonly { part: number }[]) => tokens.map((token) => token.part);
    expect(parts(sequential)).toEqual([...parts(sequential)].sort((a, b) => a - b));
    expect(parts(interleaved)).not.toEqual(parts(sequential));
    for (const [index, part] of script.parts.entries()) {
      const expected = part.kind === 'tool-call' ? part.arguments : part.text;
      const joined = interleaved
        .filter((token) => token.part === index)
        .map((token) => token.text)
        .join('');
      expect(joined).toBe(expected);
    }
  });

  it('gives the long script thousands of tokens and the tool call tens of KB', () => {
    expect(scriptTokens(SCRIPTS.long, { interleave: false }).length).toBeGreaterThan(3000);
    expect(SCRIPTS['tool-call'].toolCalls[0]!.arguments.length).toBeGreaterThan(20_000);
  });
});
