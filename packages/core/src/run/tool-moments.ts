/**
 * When each tool call of a run began, when its arguments were complete, and
 * when its result came: the tool waits of the answer's timeline. One small
 * record per call, whatever the size of its arguments.
 */
import type { ToolCallPart } from '../protocols/parts.ts';
import type { ToolCallTiming } from './types.ts';

/** The tool-call moments of one run. */
export interface ToolMoments {
  /** Notes `part` at `now`; true when a moment was recorded (the timing changed). */
  record(part: ToolCallPart, now: number): boolean;
  /** Every call the stream began, in start order; the same array until a moment is recorded. */
  list(): readonly ToolCallTiming[];
}

/** Creates the tool-call moments of one run. */
export function createToolMoments(): ToolMoments {
  const calls = new Map<string, { -readonly [K in keyof ToolCallTiming]: ToolCallTiming[K] }>();
  let listed: readonly ToolCallTiming[] | undefined;

  return {
    record(part, now) {
      let call = calls.get(part.id);
      let changed = false;
      if (call === undefined) {
        // A delta or result before any start (a stream joined mid-call, a provider tool known by its result) opens it.
        call = { id: part.id, name: part.type === 'tool-call-start' ? part.name : '', startedAt: now };
        calls.set(part.id, call);
        changed = true;
      } else if (part.type === 'tool-call-start' && call.name === '' && part.name !== '') {
        call.name = part.name;
        changed = true;
      }
      // A result makes the arguments final too (the assembler does the same).
      if (
        (part.type === 'tool-call-end' || part.type === 'tool-result') &&
        call.argsCompleteAt === undefined
      ) {
        call.argsCompleteAt = now;
        changed = true;
      }
      if (part.type === 'tool-result' && call.resultAt === undefined) {
        call.resultAt = now;
        changed = true;
      }
      if (changed) listed = undefined;
      return changed;
    },
    list() {
      listed ??= Object.freeze(Array.from(calls.values(), (call) => Object.freeze({ ...call })));
      return listed;
    },
  };
}
