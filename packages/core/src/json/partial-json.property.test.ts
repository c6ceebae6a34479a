/**
 * Differential property tests: for generated JSON texts (unicode, escapes,
 * whitespace, odd number forms) cut into random deltas, every snapshot must
 * deep-equal `partial-json`'s `parse(prefix, allow)` for all 64 combinations of
 * the flags that matter for valid JSON (the NaN/Infinity flags are mixed in at
 * random: valid JSON never reaches them), the final value must deep-equal
 * `JSON.parse`, and unchanged subtrees must keep their identity.
 */
import { isDeepStrictEqual } from 'node:util';
import { mulberry32 } from '@tokenpaint/mock-llm';
import fc from 'fast-check';
import { parse as referenceParse } from 'partial-json';
import { describe, expect, it } from 'vitest';
import { Allow } from './allow.ts';
import { createPartialJSON } from './partial-json.ts';

const SPACES = [' ', '\n', '\t', '\r\n', '  '];

function space(rand: () => number): string {
  return rand() < 0.3 ? (SPACES[Math.floor(rand() * SPACES.length)] as string) : '';
}

function hex4(code: number, rand: () => number): string {
  const hex = code.toString(16).padStart(4, '0');
  return `\\u${rand() < 0.5 ? hex : hex.toUpperCase()}`;
}

/** A JSON string literal, escaping characters at random (always those JSON requires). */
function stringText(value: string, rand: () => number): string {
  let out = '"';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\') out += rand() < 0.7 ? `\\${char}` : hex4(code, rand);
    else if (code < 0x20) out += rand() < 0.5 ? JSON.stringify(char).slice(1, -1) : hex4(code, rand);
    else if (char === '/' && rand() < 0.5) out += '\\/';
    else if (rand() < 0.15) out += [...char].map((_, k) => hex4(char.charCodeAt(k), rand)).join('');
    else out += char;
  }
  return `${out}"`;
}

function numberText(value: number, rand: () => number): string {
  if (Object.is(value, -0)) return '-0';
  let text = String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15 && rand() < 0.3) text += rand() < 0.5 ? '.0' : 'e0';
  if (text.includes('e') && rand() < 0.5) text = text.replace('e', 'E');
  return text;
}

/** Serializes with random whitespace, escapes and number forms. Never `[ ]` (see the README's deviations). */
export function formatJSON(value: unknown, seed: number): string {
  const rand = mulberry32(seed);
  const out: string[] = [];
  // Iterative, like the parser under test, so deep values do not overflow.
  const work: unknown[] = [value];
  const TEXT = Symbol('text');
  while (work.length > 0) {
    const item = work.pop();
    if (Array.isArray(item) && item[0] === TEXT) out.push(item[1] as string);
    else if (typeof item === 'string') out.push(stringText(item, rand));
    else if (typeof item === 'number') out.push(numberText(item, rand));
    else if (item === null || typeof item === 'boolean') out.push(String(item));
    else if (Array.isArray(item)) {
      if (item.length === 0) out.push('[]');
      else {
        const parts: unknown[] = [[TEXT, `[${space(rand)}`]];
        item.forEach((child, k) => {
          if (k > 0) parts.push([TEXT, `${space(rand)},${space(rand)}`]);
          parts.push(child);
        });
        parts.push([TEXT, `${space(rand)}]`]);
        work.push(...parts.reverse());
      }
    } else {
      const parts: unknown[] = [[TEXT, `{${space(rand)}`]];
      Object.entries(item as object).forEach(([key, child], k) => {
        if (k > 0) parts.push([TEXT, `${space(rand)},${space(rand)}`]);
        parts.push([TEXT, `${stringText(key, rand)}${space(rand)}:${space(rand)}`], child);
      });
      parts.push([TEXT, `${space(rand)}}`]);
      work.push(...parts.reverse());
    }
  }
  return space(rand) + out.join('') + space(rand);
}

/** Cuts `text` into deltas of 1 to 12 code units (surrogate pairs may be split: the parser must cope). */
export function chunk(text: string, seed: number): string[] {
  const rand = mulberry32(seed);
  const deltas: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(rand() * (rand() < 0.8 ? 4 : 12));
    deltas.push(text.slice(i, i + size));
    i += size;
  }
  return deltas;
}

function reference(prefix: string, allow: number): unknown {
  try {
    return referenceParse(prefix, allow);
  } catch {
    return undefined; // partial-json throws where nothing may be shown: we read undefined
  }
}

/** Strings stressing trimming, escapes and surrogates. */
const trickyString = fc.string({
  unit: fc.constantFrom(
    'a',
    ' ',
    '\u00a0',
    '\u2028',
    '\u3000',
    '"',
    '\\',
    '/',
    '\n',
    '\u0001',
    'é',
    '😀',
    '\ud83d',
    'e',
  ),
  maxLength: 12,
});

const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
  fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme-ascii' }),
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      trickyString,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(null, true, false),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
    ),
  })).value,
);

const highFlags = fc.constantFrom(
  0,
  Allow.NAN,
  Allow.INFINITY,
  Allow._INFINITY,
  Allow.SPECIAL & ~(Allow.NULL | Allow.BOOL),
);

describe('createPartialJSON against partial-json', () => {
  it('matches parse(prefix, allow) after every delta, for every Allow combination', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), fc.integer(), highFlags, (value, formatSeed, chunkSeed, high) => {
        const text = formatJSON(value, formatSeed);
        const final = JSON.parse(text);
        // partial-json assigns "__proto__" keys as prototypes; we follow JSON.parse there.
        // Judged on the value, not the text: a key written `"_\u005fproto__"` is one too.
        const compare = !JSON.stringify(value).includes('"__proto__"');
        const deltas = chunk(text, chunkSeed);
        for (let low = 0; low < 64; low++) {
          const allow = low | high;
          const parser = createPartialJSON({ allow });
          let prefix = '';
          for (const delta of deltas) {
            parser.push(delta);
            prefix += delta;
            if (compare && !isDeepStrictEqual(parser.value, reference(prefix, allow))) {
              expect({ prefix, allow, value: parser.value }).toEqual({
                prefix,
                allow,
                value: reference(prefix, allow),
              });
            }
          }
          expect(parser.end()).toStrictEqual(final);
          expect(isDeepStrictEqual(parser.value, final)).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  }, 30_000);

  it('gives the same snapshot however the text is chunked and however rarely it is read', () => {
    fc.assert(
      fc.property(
        jsonValue,
        fc.integer(),
        fc.integer(),
        fc.integer({ min: 1, max: 5 }),
        (value, seed, chunkSeed, every) => {
          const text = formatJSON(value, seed);
          const oneShot = createPartialJSON();
          const chunked = createPartialJSON();
          chunk(text, chunkSeed).forEach((delta, k) => {
            chunked.push(delta);
            if (k % every === 0) void chunked.value;
          });
          oneShot.push(text);
          expect(chunked.value).toStrictEqual(oneShot.value);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * Walks two consecutive snapshots together: any subtree that deep-equals its
 * counterpart must be the very same object. Returns whether `a` and `b` are deep-equal.
 */
function checkSharing(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  let equal = Array.isArray(a) === Array.isArray(b);
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length || aKeys.some((key, k) => key !== bKeys[k])) equal = false;
  for (const key of bKeys) {
    if (!Object.hasOwn(a, key)) continue;
    if (!checkSharing((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      equal = false;
  }
  if (equal) expect(b).toBe(a);
  return equal;
}

describe('structural sharing', () => {
  it('keeps the identity of every subtree that did not change, for every Allow combination', () => {
    fc.assert(
      fc.property(
        jsonValue,
        fc.integer(),
        fc.integer(),
        fc.integer({ min: 0, max: 63 }),
        (value, seed, chunkSeed, allow) => {
          const parser = createPartialJSON({ allow });
          let previous: unknown;
          for (const delta of chunk(formatJSON(value, seed), chunkSeed)) {
            parser.push(delta);
            checkSharing(previous, parser.value);
            previous = parser.value;
          }
          expectDeepFrozen(parser.end());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('freezes each container as it closes, while the document is still open', () => {
    const parser = createPartialJSON();
    parser.push('{"done": {"a": [1, 2]}, "open": [3, {"b": 4}');
    const value = parser.value as { done: { a: number[] }; open: unknown[] };
    expectDeepFrozen(value.done);
    expect(Object.isFrozen(value.open[1])).toBe(true);
    // The open array is a fresh copy per read: replaced, never mutated, by later pushes.
    const open = value.open;
    parser.push(', 5');
    expect(open).toEqual([3, { b: 4 }]);
  });
});

/** Every array and object in `value` is frozen. */
function expectDeepFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value)).toBe(true);
  for (const child of Object.values(value)) expectDeepFrozen(child);
}

describe('live mode', () => {
  it('reads deep-equal to the snapshots after every delta, for every Allow combination, read as rarely as asked', () => {
    fc.assert(
      fc.property(
        jsonValue,
        fc.integer(),
        fc.integer(),
        fc.integer({ min: 0, max: 63 }),
        fc.integer({ min: 1, max: 4 }),
        (value, seed, chunkSeed, allow, every) => {
          const snapshots = createPartialJSON({ allow });
          const live = createPartialJSON({ allow, live: true });
          chunk(formatJSON(value, seed), chunkSeed).forEach((delta, k) => {
            snapshots.push(delta);
            live.push(delta);
            // Deep equality is judged on a copy: the live value is mutated by later pushes.
            if (k % every === 0) expect(structuredClone(live.value)).toStrictEqual(snapshots.value);
          });
          expect(live.end()).toStrictEqual(snapshots.end());
          expectDeepFrozen(live.value);
        },
      ),
      { numRuns: 300 },
    );
  });
});
