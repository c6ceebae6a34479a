/**
 * Character-level rules for the scalar tokens (numbers, literals, string
 * escapes) and what an incomplete scalar reads as under the `Allow` flags.
 * The partial readings reproduce `partial-json`'s `parse(prefix, allow)`
 * exactly (see the differential tests); the quirks are noted where they live.
 */
import { Allow, type AllowFlags } from './allow.ts';

/** Marks a value that may not appear in a snapshot yet (its kind is not allowed partially). */
export const OMIT: unique symbol = Symbol('omit');
/** A snapshot value, or {@link OMIT}. */
export type Reading = unknown;

// Number grammar (RFC 8259 §6) as a state machine, so digits split across
// deltas need no re-scan. 0 means "not part of a number".
export const N_MINUS = 1;
export const N_ZERO = 2;
export const N_INT = 3;
export const N_DOT = 4;
export const N_FRAC = 5;
export const N_EXP_MARK = 6;
export const N_EXP_SIGN = 7;
export const N_EXP = 8;
/** Returned by {@link numberStep} for a character that may not follow (e.g. `01`, `1.e`). */
export const N_INVALID = -1;

/** The number state after reading `code` in `state`: a state, `0` (the number ended), or {@link N_INVALID}. */
export function numberStep(state: number, code: number): number {
  const digit = code >= 0x30 && code <= 0x39;
  const exp = code === 0x65 || code === 0x45;
  const sign = code === 0x2b || code === 0x2d;
  if (!digit && !exp && !sign && code !== 0x2e) return 0;
  switch (state) {
    case N_MINUS:
      return digit ? (code === 0x30 ? N_ZERO : N_INT) : N_INVALID;
    case N_ZERO:
      return code === 0x2e ? N_DOT : exp ? N_EXP_MARK : N_INVALID;
    case N_INT:
      return digit ? N_INT : code === 0x2e ? N_DOT : exp ? N_EXP_MARK : N_INVALID;
    case N_DOT:
      return digit ? N_FRAC : N_INVALID;
    case N_FRAC:
      return digit ? N_FRAC : exp ? N_EXP_MARK : N_INVALID;
    case N_EXP_MARK:
      return digit ? N_EXP : sign ? N_EXP_SIGN : N_INVALID;
    case N_EXP_SIGN:
    case N_EXP:
      return digit ? N_EXP : N_INVALID;
    default:
      return N_INVALID;
  }
}

/** The state after the first character of a number (`-` or a digit). */
export function numberStart(code: number): number {
  return code === 0x2d ? N_MINUS : code === 0x30 ? N_ZERO : N_INT;
}

/** Whether a number in `state` is a complete JSON number (`1`, `-0`, `1.5`, `2e10`). */
export function isCompleteNumber(state: number): boolean {
  return state === N_ZERO || state === N_INT || state === N_FRAC || state === N_EXP;
}

/** What the grammar wants after a number in `state`, for error messages. */
export function numberExpectation(state: number): string {
  return state === N_EXP_MARK ? "a digit, '+' or '-'" : 'a digit';
}

/**
 * What an unterminated number reads as. Like `partial-json`: a top-level number
 * that is already a complete JSON number is returned whatever `allow` says;
 * otherwise `NUM` is required, and an incomplete form only reads as its part
 * before a lowercase `e` (`1.5e-` → 1.5); `-`, `1.` and `1E` are left out.
 */
export function partialNumber(text: string, state: number, allow: AllowFlags, topLevel: boolean): Reading {
  if (isCompleteNumber(state)) return topLevel || allow & Allow.NUM ? Number(text) : OMIT;
  if (!(allow & Allow.NUM)) return OMIT;
  const e = text.indexOf('e');
  return e > 0 ? Number(text.slice(0, e)) : OMIT;
}

/** The three literals, by first character. */
export const LITERALS: Readonly<Record<string, { readonly word: string; readonly value: null | boolean }>> = {
  n: { word: 'null', value: null },
  t: { word: 'true', value: true },
  f: { word: 'false', value: false },
};

/** What an unfinished literal (`nu`, `tr`, `fals`) reads as. */
export function partialLiteral(value: null | boolean, allow: AllowFlags): Reading {
  return allow & (value === null ? Allow.NULL : Allow.BOOL) ? value : OMIT;
}

/** The character a one-letter escape (`\n`, `\"`, …) stands for, by the letter's code; `u` is handled apart. */
export const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x22, '"'],
  [0x5c, '\\'],
  [0x2f, '/'],
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
]);

/** The value of a hex digit, or -1. */
export function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** JSON's insignificant whitespace (space, tab, line feed, carriage return). */
export function isJSONSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Whether `String.prototype.trim` removes this code unit, restricted to those
 * that may appear raw inside a JSON string (controls must be escaped there).
 * `partial-json` trims the whole text, so an unterminated string loses its raw
 * trailing whitespace; we reproduce that without copying the string.
 */
export function isTrimmedInString(code: number): boolean {
  if (code === 0x20) return true;
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
