/**
 * Deterministic JSON documents for the incremental JSON benchmark, shaped like
 * large structured outputs: nested objects, arrays of objects, and long strings
 * with escapes and non-ASCII text. Size grows with the number of sections, so
 * arrays stay as wide as real documents make them.
 */

// The mock's seeded PRNG, so every run streams the same bytes.
import { mulberry32 } from '@tokenpaint/mock-llm';

const WORDS = [
  'stream',
  'token',
  'latency',
  'parser',
  'café',
  'naïve',
  'résumé',
  'Straße',
  '日本語',
  'テキスト',
  'данные',
  'χρόνος',
  'emoji 😀',
  'rocket 🚀',
  'quote "x"',
  'path C:\\tmp',
  'tab\there',
  'line\nbreak',
  '€42',
  '½',
];

function sentence(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

function item(rand: () => number, id: number): Record<string, unknown> {
  return {
    id,
    name: sentence(rand, 3),
    price: Math.round(rand() * 100_000) / 100,
    ratio: rand() * 1e-3,
    inStock: rand() < 0.5,
    discontinued: null,
    tags: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentence(rand, 1)),
    dimensions: { w: Math.floor(rand() * 500), h: Math.floor(rand() * 500), unit: 'mm' },
  };
}

function section(rand: () => number, id: number): Record<string, unknown> {
  return {
    id: `section-${id}`,
    heading: sentence(rand, 5),
    body: sentence(rand, 120),
    meta: {
      author: { name: sentence(rand, 2), since: 2020 + (id % 6) },
      reviewed: id % 3 === 0,
      score: -1.5e-3 * id,
    },
    items: Array.from({ length: 8 + Math.floor(rand() * 8) }, (_, k) => item(rand, k)),
  };
}

/** A document of at least `bytes` UTF-16 code units (the JSON text's length). */
export function catalogDocument(bytes: number): string {
  const rand = mulberry32(bytes);
  const sections: unknown[] = [];
  const doc = { title: 'Catalogue — été 2026', summary: sentence(rand, 200), sections };
  let length = JSON.stringify(doc).length;
  while (length < bytes) {
    const next = section(rand, sections.length);
    sections.push(next);
    length += JSON.stringify(next).length + 1;
  }
  return JSON.stringify(doc);
}

/** One flat array of small objects: the worst case for copying open containers (see the README). */
export function wideArrayDocument(bytes: number): string {
  const rand = mulberry32(bytes + 1);
  const rows: unknown[] = [];
  let length = 2;
  while (length < bytes) {
    const row = { id: rows.length, label: sentence(rand, 2), value: Math.round(rand() * 1000) };
    rows.push(row);
    length += JSON.stringify(row).length + 1;
  }
  return JSON.stringify(rows);
}

/** Cuts `text` into deltas of `size` code units, never between the halves of a surrogate pair (as a TextDecoder never does). */
export function deltasOf(text: string, size: number): string[] {
  const deltas: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
    deltas.push(text.slice(i, end));
    i = end;
  }
  return deltas;
}

/**
 * The pointer copies that reading an immutable snapshot after every delta cannot
 * avoid: at each read, every open array holds its finished children, and a new
 * plain array for it (it has changed: its last child is being read) must copy
 * them all. Summed over the reads after each of `deltas`. It counts every open
 * array at every read, although an array whose open child reads as before is
 * reused, so it slightly overstates the floor; at these sizes, by under 1%.
 */
export function openArrayCopies(deltas: readonly string[]): number {
  const finished: number[] = []; // per open container: finished children, or -1 for an object
  let inString = false;
  let escaped = false;
  let copies = 0;
  for (const delta of deltas) {
    for (const char of delta) {
      if (inString) {
        if (escaped) escaped = false;
        else if (char === '\\') escaped = true;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '[') finished.push(0);
      else if (char === '{') finished.push(-1);
      else if (char === ']' || char === '}') finished.pop();
      else if (char === ',') {
        const top = finished.length - 1;
        if ((finished[top] as number) >= 0) finished[top] = (finished[top] as number) + 1;
      }
    }
    for (const count of finished) if (count > 0) copies += count;
  }
  return copies;
}

/**
 * A JSON text with every character outside ASCII written as a `\u` escape
 * (surrogate pairs as two), as Python's `json.dumps` writes by default.
 */
function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Chat-like records whose long strings are dense with escapes: quotes, backslashes, newlines, tabs. */
function escapeHeavyRows(rand: () => number, bytes: number, write: (doc: unknown) => string): string {
  const rows: unknown[] = [];
  const doc = { rows };
  while (write(doc).length < bytes) {
    for (let k = 0; k < 16; k++) {
      rows.push({
        role: rows.length % 2 === 0 ? 'user' : 'assistant',
        content: Array.from({ length: 60 }, () => `${sentence(rand, 2)} "q" \\ \n\t`).join(''),
      });
    }
  }
  return write(doc);
}

/** Strings dense with `"`, `\\`, `\n` and `\t` escapes and with raw non-ASCII text (CJK, Greek, emoji). */
export function escapedStringsDocument(bytes: number): string {
  return escapeHeavyRows(mulberry32(bytes + 2), bytes, (doc) => JSON.stringify(doc));
}

/** The same strings with all non-ASCII text as `\u` escapes, emoji as surrogate-pair escapes. */
export function unicodeEscapesDocument(bytes: number): string {
  return escapeHeavyRows(mulberry32(bytes + 3), bytes, (doc) => asciiOnly(JSON.stringify(doc)));
}

/** One string as long as the document: a tool call writing a file. */
export function longStringDocument(bytes: number): string {
  const rand = mulberry32(bytes + 4);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const line = `${sentence(rand, 8)}\n`;
    parts.push(line);
    length += JSON.stringify(line).length - 2;
  }
  return JSON.stringify({ path: 'notes.md', content: parts.join('') });
}

/** A time series: one wide array of `[time, value]` pairs and one of bare numbers, in every notation. */
export function numbersDocument(bytes: number): string {
  const rand = mulberry32(bytes + 5);
  const points: number[][] = [];
  const values: number[] = [];
  const doc = { points, values };
  let length = JSON.stringify(doc).length;
  while (length < bytes) {
    const point = [1_700_000_000 + points.length, Math.round((rand() - 0.5) * 1e6) / 1e3];
    const value = [rand() * 1e-7, -Math.floor(rand() * 1e9), rand() * 1e21, rand()][
      points.length % 4
    ] as number;
    points.push(point);
    values.push(value);
    length += JSON.stringify(point).length + JSON.stringify(value).length + 2;
  }
  return JSON.stringify(doc);
}

/** Many small trees each nested `depth` levels deep, objects and arrays alternating. */
export function deepDocument(bytes: number, depth = 256): string {
  const rand = mulberry32(bytes + 6);
  const trees: unknown[] = [];
  let length = 2;
  while (length < bytes) {
    let tree: unknown = sentence(rand, 1);
    for (let level = 0; level < depth; level++)
      tree = level % 2 === 0 ? { n: level, child: tree } : [level, tree];
    trees.push(tree);
    length += JSON.stringify(tree).length + 1;
  }
  return JSON.stringify(trees);
}

/** One flat object with a key per entry: a map from ids to records. */
export function wideObjectDocument(bytes: number): string {
  const rand = mulberry32(bytes + 7);
  const entries: Record<string, unknown> = {};
  let length = 2;
  for (let id = 0; length < bytes; id++) {
    const key = `user-${id.toString(36)}`;
    const value = id % 2 === 0 ? sentence(rand, 2) : Math.round(rand() * 1e6);
    entries[key] = value;
    length += JSON.stringify(key).length + JSON.stringify(value).length + 2;
  }
  return JSON.stringify(entries);
}
