import { describe, expect, it } from 'vitest';
import { completedSentenceEnd, MAX_UNBROKEN_CHARS } from './sentence-boundary.ts';

describe('completedSentenceEnd', () => {
  it('ends after a terminator followed by whitespace, not before the next token proves it', () => {
    expect(completedSentenceEnd('Hello world', 0)).toBe(0);
    expect(completedSentenceEnd('Hello world.', 0)).toBe(0); // may become "world.com"
    expect(completedSentenceEnd('Hello world. How', 0)).toBe('Hello world. '.length);
    expect(completedSentenceEnd('Pi is 3.', 0)).toBe(0);
    expect(completedSentenceEnd('Pi is 3.14 exactly! Yes? No', 0)).toBe('Pi is 3.14 exactly! Yes? '.length);
  });

  it('handles closing quotes, line breaks, CJK terminators and a starting offset', () => {
    expect(completedSentenceEnd('He said "stop." Then', 0)).toBe('He said "stop." '.length);
    expect(completedSentenceEnd('- item one\n- item', 0)).toBe('- item one\n'.length);
    expect(completedSentenceEnd('你好。我是', 0)).toBe(3);
    expect(completedSentenceEnd('One. Two. Thr', 5)).toBe('One. Two. '.length);
    expect(completedSentenceEnd('One. Two', 5)).toBe(5);
  });

  it('breaks long unpunctuated text at a space so it is still announced', () => {
    const long = `${'word '.repeat(MAX_UNBROKEN_CHARS / 5 + 2)}tail`;
    const end = completedSentenceEnd(long, 0);
    expect(end).toBe(long.length - 'tail'.length);
  });
});
