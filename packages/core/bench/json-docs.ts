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
