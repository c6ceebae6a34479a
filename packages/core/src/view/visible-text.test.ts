import { describe, expect, it } from 'vitest';
import { createVisibleTextTracker, firstVisibleIndex, hasVisibleText } from './visible-text.ts';

describe('hasVisibleText', () => {
  it.each([
    ['', false],
    ['   \n\t', false],
    ['#', false],
    ['## ', false],
    ['> ', false],
    ['- ', false],
    ['```', false],
    ['| --- |', false],
    ['# H', true],
    ['1', true],
    ['?', true],
    ['[', true],
    ['😀', true],
    ['\u00a0x', true],
  ])('%j → %s', (text, visible) => {
    expect(hasVisibleText(text)).toBe(visible);
  });

  it('finds the first visible character from an offset', () => {
    expect(firstVisibleIndex('# Title', 0)).toBe(2);
    expect(firstVisibleIndex('ab', 1)).toBe(1);
    expect(firstVisibleIndex('## ', 1)).toBe(-1);
  });
});

describe('createVisibleTextTracker', () => {
  it('follows a growing text and keeps the index once found', () => {
    const tracker = createVisibleTextTracker();
    expect(tracker.indexIn('#', 0)).toBe(-1);
    expect(tracker.indexIn('# ', 0)).toBe(-1);
    expect(tracker.indexIn('# Stream', 0)).toBe(2);
    expect(tracker.indexIn('# Streaming', 0)).toBe(2);
  });

  it('starts again for a new generation or a text that shrank', () => {
    const tracker = createVisibleTextTracker();
    expect(tracker.indexIn('Hi', 0)).toBe(0);
    expect(tracker.indexIn('#', 1)).toBe(-1);
    expect(tracker.indexIn('# x', 1)).toBe(2);
    expect(tracker.indexIn('', 1)).toBe(-1);
  });

  it('finds the first visible character after a long invisible run, grown a character at a time', () => {
    const tracker = createVisibleTextTracker();
    let text = '';
    for (let i = 0; i < 1000; i++) {
      text += ' ';
      expect(tracker.indexIn(text, 0)).toBe(-1);
    }
    text += 'x';
    expect(tracker.indexIn(text, 0)).toBe(1000);
  });
});
