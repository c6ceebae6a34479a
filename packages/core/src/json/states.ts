/**
 * The parser's states (what the grammar expects next) and how each is
 * described in a syntax error.
 */
import { isCompleteNumber, numberExpectation } from './scalars.ts';
import type { Frame } from './tree.ts';

export const S_VALUE = 0;
export const S_ARRAY_FIRST = 1;
export const S_OBJECT_FIRST = 2;
export const S_KEY = 3;
export const S_COLON = 4;
export const S_AFTER = 5;
export const S_END = 6;
export const S_STRING = 7;
export const S_NUMBER = 8;
export const S_LITERAL = 9;

/** What the grammar allows in `state`, in words, for the `expected` field of syntax errors. */
export function expected(
  state: number,
  top: Frame | undefined,
  escapeState: number,
  numState: number,
  litWord: string,
  litMatched: number,
): string {
  switch (state) {
    case S_ARRAY_FIRST:
      return "a value or ']'";
    case S_OBJECT_FIRST:
      return "'\"' (a key) or '}'";
    case S_KEY:
      return "'\"' (a key)";
    case S_COLON:
      return "':'";
    case S_NUMBER:
      if (!isCompleteNumber(numState)) return numberExpectation(numState);
      if (top === undefined) return 'more digits or the end of the text';
      return top.isArray ? "',' or ']'" : "',' or '}'";
    case S_AFTER:
      return top?.isArray ? "',' or ']'" : "',' or '}'";
    case S_END:
      return 'the end of the text (one top-level value only)';
    case S_STRING:
      return escapeState === 0 ? "'\"' (the end of the string)" : 'the rest of the escape sequence';
    case S_LITERAL:
      return `'${litWord[litMatched]}' (to complete ${litWord})`;
    default:
      return 'a value';
  }
}
