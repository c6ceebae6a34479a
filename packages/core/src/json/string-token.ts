/**
 * Reading a JSON string that arrives in pieces: escapes and surrogate pairs may
 * be split anywhere, and the text is appended with `+` (engines keep such
 * strings as ropes, so appending is O(delta) and flattening happens once, when
 * the string is read character by character, e.g. by the DOM).
 */
import { hexValue, isTrimmedInString, SIMPLE_ESCAPES } from './scalars.ts';

/** An unterminated string. */
export interface StringToken {
  /** The decoded text, except a run of raw trailing whitespace. */
  body: string;
  /** Raw trailing whitespace not yet followed by anything else; `partial-json` trims it while the string is open. */
  trailing: string;
  /** 0: plain text; 1: after `\`; 2 to 5: after `\u` and that many minus 2 hex digits. */
  escape: number;
  /** The code unit of a `\u` escape, read so far. */
  hex: number;
  /** Whether this string is an object key (never shown while open). */
  isKey: boolean;
}

/** A fresh string token. */
export function openString(isKey: boolean): StringToken {
  return { body: '', trailing: '', escape: 0, hex: 0, isKey };
}

/** The full decoded text of a closed string. */
export function closedText(token: StringToken): string {
  return token.body + token.trailing;
}

/**
 * What an open string reads as: `partial-json` trims the raw trailing whitespace
 * of the whole text, which it cannot do when the text ends inside an escape.
 */
export function openText(token: StringToken): string {
  return token.escape === 0 ? token.body : token.body + token.trailing;
}

/** Thrown through by the reader: the index in the delta and what was expected there. */
export type FailAt = (index: number, expected: string) => never;

/**
 * Reads `delta` from `start` until the closing quote. Returns the index of the
 * closing quote, or `delta.length` when the string goes on.
 */
export function readString(token: StringToken, delta: string, start: number, fail: FailAt): number {
  const n = delta.length;
  let i = start;
  let run = start; // start of the raw text not yet appended
  let space = -1; // start of the raw trailing whitespace within that run, or -1
  while (i < n) {
    const code = delta.charCodeAt(i);
    if (token.escape !== 0) {
      readEscape(token, code, i, fail);
      run = ++i;
      space = -1;
      continue;
    }
    if (code === 0x22 || code === 0x5c || code < 0x20) {
      append(token, delta, run, i, space);
      if (code === 0x22) return i;
      if (code < 0x20) fail(i, 'a string character (control characters must be escaped, e.g. \\n)');
      token.escape = 1;
      run = ++i;
      space = -1;
      continue;
    }
    if (isTrimmedInString(code)) {
      if (space < 0) space = i;
    } else space = -1;
    i++;
  }
  append(token, delta, run, n, space);
  return n;
}

function append(token: StringToken, delta: string, from: number, to: number, space: number): void {
  if (from === to) return;
  if (space < 0) {
    token.body = token.body + token.trailing + delta.slice(from, to);
    token.trailing = '';
  } else if (space > from) {
    token.body = token.body + token.trailing + delta.slice(from, space);
    token.trailing = delta.slice(space, to);
  } else token.trailing += delta.slice(from, to);
}

function readEscape(token: StringToken, code: number, i: number, fail: FailAt): void {
  if (token.escape === 1) {
    if (code === 0x75) {
      token.escape = 2;
      token.hex = 0;
      return;
    }
    const char = SIMPLE_ESCAPES.get(code);
    if (char === undefined) fail(i, 'an escape character (one of " \\ / b f n r t u)');
    decoded(token, char);
    return;
  }
  const digit = hexValue(code);
  if (digit < 0) fail(i, 'a hex digit (\\u escapes take four)');
  token.hex = token.hex * 16 + digit;
  // A lone surrogate escape is kept as is, as JSON.parse does; its pair, when
  // it follows, is appended next to it and the two form one character.
  if (++token.escape === 6) decoded(token, String.fromCharCode(token.hex));
}

function decoded(token: StringToken, char: string): void {
  token.body = token.body + token.trailing + char;
  token.trailing = '';
  token.escape = 0;
}
