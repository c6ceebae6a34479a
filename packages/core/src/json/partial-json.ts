/**
 * An incremental JSON parser whose snapshots are immutable and structurally
 * shared. Text is pushed as deltas and each character is read once (an
 * iterative state machine with an explicit stack of open containers, so any
 * nesting depth is fine); `value` builds a snapshot lazily, reusing every
 * subtree that did not change (see `tree.ts` for the cost model).
 *
 * Snapshots equal `partial-json`'s `parse(prefix, allow)` for every prefix of
 * valid JSON, whatever the chunking; where `partial-json` throws because
 * nothing may be shown yet, `value` is `undefined`.
 */
import { Allow } from './allow.ts';
import { PartialJSONSyntaxError } from './errors.ts';
import {
  isCompleteNumber,
  isJSONSpace,
  LITERALS,
  N_INVALID,
  numberExpectation,
  numberStart,
  numberStep,
  OMIT,
  partialLiteral,
  partialNumber,
  type Reading,
} from './scalars.ts';
import {
  expected,
  S_AFTER,
  S_ARRAY_FIRST,
  S_COLON,
  S_END,
  S_KEY,
  S_LITERAL,
  S_NUMBER,
  S_OBJECT_FIRST,
  S_STRING,
  S_VALUE,
} from './states.ts';
import { closedText, openString, openText, readString, type StringToken } from './string-token.ts';
import {
  addChild,
  childPath,
  closeFrame,
  type Frame,
  frameReading,
  materializePath,
  openFrame,
  type PathLink,
} from './tree.ts';
import type { PartialJSON, PartialJSONOptions } from './types.ts';

/**
 * Creates an incremental JSON parser.
 *
 * @example
 * const json = createPartialJSON();
 * json.push('{"title": "Hel');
 * json.value; // { title: "Hel" }
 * json.push('lo", "tags": ["a"');
 * json.value; // { title: "Hello", tags: ["a"] }
 */
export function createPartialJSON(options: PartialJSONOptions = {}): PartialJSON {
  const allow = options.allow ?? Allow.ALL;
  const collectionsShown = (allow & Allow.COLLECTION) === Allow.COLLECTION;
  const live = options.live === true;
  let version = 0;
  let stack: Frame[] = [];
  let state = S_VALUE;
  let consumed = 0; // length of the text before the current delta
  let done = false;
  let root: unknown;
  let error: PartialJSONSyntaxError | undefined;
  let str: StringToken = openString(false);
  let numText = '';
  let numState = 0;
  let numPending = false; // a number in a container ended by whitespace, not yet by a delimiter
  let litWord = '';
  let litMatched = 0;
  let litValue: null | boolean = null;
  let completed: PathLink[] = [];
  let cached: unknown;
  let stale = false;
  let current = ''; // the delta being read, for errors raised inside a string
  const failInString = (at: number, expectedHere: string): never => fail(current, at, expectedHere);

  function fail(delta: string, i: number, expected: string): never {
    // The whole character, not half of a surrogate pair (an emoji is two code units).
    const found = i < delta.length ? String.fromCodePoint(delta.codePointAt(i) as number) : undefined;
    error = new PartialJSONSyntaxError(consumed + i, expected, found);
    throw error;
  }

  function commit(value: unknown, path: PathLink): void {
    completed.push(path);
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
      done = true;
      state = S_END;
    } else {
      addChild(top, value);
      state = S_AFTER;
    }
  }

  function commitScalar(value: unknown): void {
    const top = stack[stack.length - 1];
    commit(value, top === undefined ? null : childPath(top));
  }

  function commitNumber(): void {
    numPending = false;
    commitScalar(Number(numText));
  }

  function startValue(delta: string, i: number, code: number): void {
    if (code === 0x7b || code === 0x5b) {
      const top = stack[stack.length - 1];
      stack.push(openFrame(code === 0x5b, top === undefined ? null : childPath(top), live));
      state = code === 0x5b ? S_ARRAY_FIRST : S_OBJECT_FIRST;
    } else if (code === 0x22) {
      str = openString(false);
      state = S_STRING;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      numText = delta[i] as string;
      numState = numberStart(code);
      state = S_NUMBER;
    } else {
      const literal = LITERALS[delta[i] as string];
      if (literal === undefined) fail(delta, i, expectation());
      litWord = literal.word;
      litValue = literal.value;
      litMatched = 1;
      state = S_LITERAL;
    }
  }

  function closeContainer(): void {
    const frame = stack.pop() as Frame;
    commit(closeFrame(frame), frame.path);
  }

  function readStructure(delta: string, i: number): number {
    const n = delta.length;
    while (i < n && state < S_STRING) {
      const code = delta.charCodeAt(i);
      if (isJSONSpace(code)) {
        i++;
        continue;
      }
      const top = stack[stack.length - 1];
      if (state === S_VALUE || state === S_ARRAY_FIRST) {
        if (code === 0x5d && state === S_ARRAY_FIRST) closeContainer();
        else startValue(delta, i, code);
      } else if (state === S_AFTER && top !== undefined) {
        const closer = top.isArray ? 0x5d : 0x7d;
        if (code !== 0x2c && code !== closer) fail(delta, i, expectation());
        if (numPending) commitNumber();
        if (code === closer) closeContainer();
        else state = top.isArray ? S_VALUE : S_KEY;
      } else if (state === S_OBJECT_FIRST && code === 0x7d) closeContainer();
      else if ((state === S_OBJECT_FIRST || state === S_KEY) && code === 0x22) {
        str = openString(true);
        state = S_STRING;
      } else if (state === S_COLON && code === 0x3a) state = S_VALUE;
      else fail(delta, i, expectation());
      i++;
    }
    return i;
  }

  function readNumber(delta: string, start: number): number {
    const n = delta.length;
    let i = start;
    while (i < n) {
      const next = numberStep(numState, delta.charCodeAt(i));
      if (next === 0) break;
      if (next === N_INVALID) {
        numText += delta.slice(start, i);
        fail(delta, i, isCompleteNumber(numState) ? 'the end of the number' : numberExpectation(numState));
      }
      numState = next;
      i++;
    }
    numText += delta.slice(start, i);
    if (i === n) return n;
    if (!isCompleteNumber(numState)) fail(delta, i, numberExpectation(numState));
    // A number is only known to be finished by the delimiter after it; until then
    // it reads as partial (as in partial-json, which trims trailing whitespace).
    if (stack.length === 0) commitNumber();
    else {
      numPending = true;
      state = S_AFTER;
    }
    return i;
  }

  function readLiteral(delta: string, i: number): number {
    for (const n = delta.length; i < n; i++) {
      if (delta.charCodeAt(i) !== litWord.charCodeAt(litMatched)) fail(delta, i, expectation());
      if (++litMatched === litWord.length) {
        commitScalar(litValue);
        return i + 1;
      }
    }
    return i;
  }

  function expectation(): string {
    return expected(state, stack[stack.length - 1], str.escape, numState, litWord, litMatched);
  }

  function leafReading(): Reading {
    if (state === S_STRING) return str.isKey || !(allow & Allow.STR) ? OMIT : openText(str);
    if (state === S_NUMBER) return partialNumber(numText, numState, allow, stack.length === 0);
    if (state === S_LITERAL) return partialLiteral(litValue, allow);
    return numPending ? partialNumber(numText, numState, allow, false) : OMIT;
  }

  function snapshot(): unknown {
    if (done) return root;
    let depth = stack.length - 1;
    let reading: Reading;
    if (!collectionsShown) {
      // An open container whose kind is not shown hides everything inside it.
      const hidden = stack.findIndex((f) => !(allow & (f.isArray ? Allow.ARR : Allow.OBJ)));
      if (hidden >= 0) depth = hidden - 1;
      reading = hidden >= 0 ? OMIT : leafReading();
    } else reading = leafReading();
    for (; depth >= 0; depth--) reading = frameReading(stack[depth] as Frame, reading);
    return reading === OMIT ? undefined : reading;
  }

  function push(delta: string): void {
    if (error !== undefined) throw error;
    const n = delta.length;
    if (n === 0) return;
    stale = true;
    version++;
    current = delta;
    let i = 0;
    while (i < n) {
      if (state === S_STRING) {
        const close = readString(str, delta, i, failInString);
        if (close < n) {
          const top = stack[stack.length - 1];
          if (str.isKey && top !== undefined && !top.isArray) {
            top.key = closedText(str);
            state = S_COLON;
          } else commitScalar(closedText(str));
        }
        i = close + 1;
      } else if (state === S_NUMBER) i = readNumber(delta, i);
      else if (state === S_LITERAL) i = readLiteral(delta, i);
      else i = readStructure(delta, i);
    }
    consumed += n;
  }

  function end(): unknown {
    if (error !== undefined) throw error;
    if (state === S_NUMBER && stack.length === 0 && isCompleteNumber(numState)) {
      commitNumber();
      stale = true;
    }
    if (!done) fail('', 0, expectation());
    return root;
  }

  return {
    push,
    end,
    get value() {
      if (stale) {
        cached = snapshot();
        stale = false;
      }
      return cached;
    },
    get done() {
      return done;
    },
    get version() {
      return version;
    },
    get error() {
      return error;
    },
    takeCompletedPaths() {
      const paths = completed.map(materializePath);
      completed = [];
      return paths;
    },
    reset() {
      stack = [];
      state = S_VALUE;
      consumed = 0;
      done = false;
      root = cached = undefined;
      error = undefined;
      numPending = stale = false;
      completed = [];
      version++;
    },
  };
}
