import { describe, expect, it } from 'vitest';
import { isRunning, isTerminal } from './status.ts';
import type { StreamStatus } from './types.ts';

const ALL: readonly StreamStatus[] = [
  'connecting',
  'waiting',
  'streaming',
  'tool-running',
  'stalled',
  'retrying',
  'done',
  'error',
  'aborted',
];

describe('status predicates', () => {
  it('call done, error and aborted terminal and every other status running', () => {
    expect(ALL.filter(isTerminal)).toEqual(['done', 'error', 'aborted']);
    for (const status of ALL) expect(isRunning(status)).toBe(!isTerminal(status));
  });
});
