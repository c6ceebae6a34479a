import { isDeepStrictEqual } from 'node:util';
import { parse as referenceParse } from 'partial-json';
import { describe, expect, it } from 'vitest';
import { Allow } from './allow.ts';
import { PartialJSONSyntaxError } from './errors.ts';
import { parsePartialJSON } from './parse-partial-json.ts';
import { createPartialJSON } from './partial-json.ts';
import { isTrimmedInString } from './scalars.ts';

/** Feeds `text` one code unit at a time and returns every snapshot. */
function snapshotsPerChar(text: string): unknown[] {
  const parser = createPartialJSON();
  return Array.from({ length: text.length }, (_, k) => {
    parser.push(text.charAt(k));
    return parser.value;
  });
}

describe('createPartialJSON', () => {
  it('reads escapes and surrogate pairs split across deltas', () => {
    const text = '"a\\u00e9\\ud83d\\ude00\\n😀"';
    // Every split point, including inside \uXXXX and between the two halves of the raw emoji.
    for (let cut = 1; cut < text.length; cut++) {
      const parser = createPartialJSON();
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      expect(parser.value).toBe('aé😀\n😀');
      expect(parser.done).toBe(true);
    }
    const snapshots = snapshotsPerChar('["\\ud83d\\ude00"]');
    expect(snapshots).toContainEqual(['\ud83d']); // a lone high surrogate while its pair is pending, as JSON.parse gives
    expect(snapshots.at(-1)).toEqual(['😀']);
  });

  it('hides an incomplete escape and keeps trailing whitespace only where partial-json does', () => {
    expect(parsePartialJSON('"ab \\u00')).toBe('ab ');
    expect(parsePartialJSON('"ab \\')).toBe('ab ');
    expect(parsePartialJSON('"ab \u3000 ')).toBe('ab');
    expect(parsePartialJSON('"ab \u3000 "')).toBe('ab \u3000 ');
  });

  it('reads partial numbers as partial-json does', () => {
    const cases: [string, number, unknown][] = [
      ['-', Allow.ALL, undefined],
      ['[-', Allow.ALL, []],
      ['1e', Allow.ALL, 1],
      ['[1.5e-', Allow.ALL, [1.5]],
      ['[1.', Allow.ALL, []],
      ['[1E', Allow.ALL, []],
      ['12', 0, 12], // a complete-looking top-level number shows even without NUM
      ['[12', Allow.ARR, []],
      ['[12 ', Allow.ARR, []], // only a delimiter proves a number finished
      ['[12 ,', Allow.ARR, [12]],
      ['-0', 0, -0],
    ];
    for (const [text, allow, expected] of cases)
      expect(parsePartialJSON(text, allow), text).toStrictEqual(expected);
  });

  it('completes a top-level number at whitespace or end()', () => {
    const parser = createPartialJSON();
    parser.push('12');
    expect(parser.done).toBe(false);
    expect(parser.end()).toBe(12);
    expect(parser.done).toBe(true);
  });

  it('handles deep nesting without recursion', () => {
    const depth = 200_000;
    const parser = createPartialJSON();
    parser.push('['.repeat(depth));
    let value = parser.value;
    for (let d = 1; d < depth; d++) value = (value as unknown[])[0];
    expect(value).toEqual([]);
    parser.push(']'.repeat(depth));
    expect(parser.done).toBe(true);
    expect(parser.error).toBeUndefined();
  });

  it('computes snapshots lazily and only when something changed', () => {
    const parser = createPartialJSON();
    parser.push('{"a": [1, 2], "b": "x');
    const first = parser.value as { a: unknown; b: string };
    expect(parser.value).toBe(first);
    parser.push('   ');
    const second = parser.value as { a: unknown; b: string };
    expect(second.a).toBe(first.a);
    expect(second.b).toBe('x');
  });

  it('reports completed paths once, children before their container', () => {
    const parser = createPartialJSON();
    parser.push('{"items": [{"title": "A"}, {"ti');
    expect(parser.takeCompletedPaths()).toEqual([
      ['items', 0, 'title'],
      ['items', 0],
    ]);
    expect(parser.takeCompletedPaths()).toEqual([]);
    parser.push('tle": "B", "n": 1}]}');
    expect(parser.takeCompletedPaths()).toEqual([
      ['items', 1, 'title'],
      ['items', 1, 'n'],
      ['items', 1],
      ['items'],
      [],
    ]);
  });

  it('keeps "__proto__" as an own key, as JSON.parse does', () => {
    expect(parsePartialJSON('{"__proto__": {"x": 1}}')).toStrictEqual(JSON.parse('{"__proto__": {"x": 1}}'));
  });

  it('reads a wide object as JSON.parse does at every prefix: key order, repeated keys, "__proto__"', () => {
    // Wide enough to be copied key by key instead of by spread (tree.ts).
    const pairs = Array.from({ length: 40 }, (_, k) => `"${k % 7 === 6 ? 'k3' : `k${k}`}": ${k}`);
    pairs.splice(20, 0, '"__proto__": {"polluted": true}', '"10": "numeric key"');
    const text = `{${pairs.join(', ')}}`;
    const parser = createPartialJSON();
    for (let k = 0; k < text.length; k++) {
      parser.push(text.charAt(k));
      const prefix = text.slice(0, k + 1);
      if (!prefix.endsWith(',')) continue; // a complete entry: what JSON.parse makes of the object so far
      const expected = JSON.parse(`${prefix.slice(0, -1)}}`);
      expect(parser.value).toStrictEqual(expected);
      expect(Object.keys(parser.value as object)).toEqual(Object.keys(expected));
    }
    expect(parser.value).toStrictEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parser.value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reads an empty array with whitespace inside as JSON does (partial-json does not)', () => {
    expect(parsePartialJSON('{"a": [ ], "b": 1}')).toEqual({ a: [], b: 1 });
  });

  it('returns to a clean state on reset()', () => {
    const parser = createPartialJSON();
    parser.push('[1, ');
    expect(() => parser.push('x')).toThrow(PartialJSONSyntaxError);
    parser.reset();
    parser.push('{"ok": true}');
    expect(parser.value).toEqual({ ok: true });
    expect(parser.error).toBeUndefined();
  });
});

describe('every Allow value, 0 to ALL', () => {
  it('matches partial-json on every prefix of a document using every kind of value', () => {
    const text = '[{"s": "\\u00e9 a", "o": {}}, -1.5e-3, [false, null]]';
    for (let allow = 0; allow <= Allow.ALL; allow++) {
      const parser = createPartialJSON({ allow });
      for (let end = 1; end <= text.length; end++) {
        parser.push(text.charAt(end - 1));
        let expected: unknown;
        try {
          expected = referenceParse(text.slice(0, end), allow);
        } catch {
          expected = undefined;
        }
        if (!isDeepStrictEqual(parser.value, expected))
          expect({ allow, end, value: parser.value }).toBe(expected);
      }
    }
  }, 30_000);
});

describe('invalid input', () => {
  const cases: [string, number, string][] = [
    ['[1, 2 x', 6, "',' or ']'"],
    ['{"a" 1}', 5, "':'"],
    ['{"a": 1,}', 8, "'\"' (a key)"],
    ['[01]', 2, 'the end of the number'],
    ['[1.]', 3, 'a digit'],
    ['[1e+]', 4, 'a digit'],
    ['"a\\x"', 3, 'an escape character (one of " \\ / b f n r t u)'],
    ['"\\u12g4"', 5, 'a hex digit (\\u escapes take four)'],
    ['"a\nb"', 2, 'a string character (control characters must be escaped, e.g. \\n)'],
    ['[tru e]', 4, "'e' (to complete true)"],
    ['{} {}', 3, 'the end of the text (one top-level value only)'],
    [']', 0, 'a value'],
  ];

  it.each(cases)(
    '%j fails at offset %i expecting %s, keeping everything before it',
    (text, offset, expected) => {
      const parser = createPartialJSON();
      let error: unknown;
      try {
        parser.push(text.slice(0, 2));
        parser.push(text.slice(2));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PartialJSONSyntaxError);
      expect(error).toMatchObject({ name: 'PartialJSONSyntaxError', offset, expected, found: text[offset] });
      expect(parser.error).toBe(error);
      expect(parser.value).toStrictEqual(parsePartialJSON(text.slice(0, offset)));
      expect(() => parser.push('1')).toThrow(error as Error);
    },
  );

  it('names a whole emoji as the offending character, not half of its surrogate pair', () => {
    const parser = createPartialJSON();
    expect(() => parser.push('[1, 😀]')).toThrow(expect.objectContaining({ offset: 4, found: '😀' }));
  });

  it('keeps the last good snapshot readable', () => {
    const parser = createPartialJSON();
    parser.push('{"a": [1, "two"');
    const good = parser.value;
    expect(() => parser.push(' } ')).toThrow(PartialJSONSyntaxError);
    expect(parser.value).toBe(good);
  });

  it('end() rejects an unfinished document with the expected token', () => {
    const parser = createPartialJSON();
    parser.push('{"a": [1');
    expect(() => parser.end()).toThrow(
      expect.objectContaining({ offset: 8, expected: "',' or ']'", found: undefined }),
    );
    expect(parser.value).toEqual({ a: [1] });
  });
});

describe('isTrimmedInString', () => {
  it('agrees with String.prototype.trim on every code unit allowed raw in a JSON string', () => {
    for (let code = 0x20; code <= 0xffff; code++) {
      expect(isTrimmedInString(code), code.toString(16)).toBe(String.fromCharCode(code).trim() === '');
    }
  });
});

describe('createPartialJSON({ live: true })', () => {
  it('keeps one tree whose open containers are the same objects at every read, and counts versions', () => {
    const json = createPartialJSON({ live: true });
    json.push('{"items": [{"a": 1}, "tw');
    const first = json.value as { items: unknown[] };
    const version = json.version;
    expect(first).toEqual({ items: [{ a: 1 }, 'tw'] });
    json.push('o", 3');
    const second = json.value as { items: unknown[] };
    expect(second).toBe(first);
    expect(second.items).toBe(first.items);
    expect(second).toEqual({ items: [{ a: 1 }, 'two', 3] });
    expect(json.version).toBeGreaterThan(version);
    json.push(']}');
    expect(json.value).toBe(first);
    expect(Object.isFrozen(first.items)).toBe(true);
  });

  it('takes a pending child back out when a read no longer shows it', () => {
    // Partial strings hidden: the entry being read is shown once its string is done, not before.
    const json = createPartialJSON({ live: true, allow: Allow.ALL & ~Allow.STR });
    json.push('{"a": 1, "b": 2');
    expect(json.value).toEqual({ a: 1, b: 2 });
    json.push(', "a": "x');
    // A duplicate key whose new value is an unshown partial string keeps the earlier value.
    expect(json.value).toEqual({ a: 1, b: 2 });
    json.push('y"}');
    expect(json.value).toEqual({ a: 'xy', b: 2 });
  });

  it('shows a duplicate key with its newest value, as JSON.parse ends with', () => {
    const json = createPartialJSON({ live: true });
    json.push('{"n": "old", "n": 12');
    expect(json.value).toEqual({ n: 12 });
    json.push('3}');
    expect(json.value).toEqual({ n: 123 });
    expect(json.end()).toEqual(JSON.parse('{"n": "old", "n": 123}'));
  });
});
