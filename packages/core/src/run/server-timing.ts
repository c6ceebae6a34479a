/**
 * The `Server-Timing` response header (W3C Server Timing): a backend's own
 * account of where its time went, e.g. `retrieval;dur=200, model;dur=1200`.
 */

/** One metric of a `Server-Timing` header. */
export interface ServerTimingEntry {
  readonly name: string;
  /** Milliseconds, where the server gave one. */
  readonly dur?: number;
  readonly desc?: string;
}

/** Splits on `separator` outside double-quoted strings. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const unquote = (value: string): string =>
  value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;

/**
 * Parses a `Server-Timing` header value; malformed metrics are skipped, never
 * an error (a header is the server's to get wrong, not a reason to fail a run).
 */
export function parseServerTiming(header: string | null): ServerTimingEntry[] {
  if (header === null || header.trim() === '') return [];
  const entries: ServerTimingEntry[] = [];
  for (const metric of splitOutsideQuotes(header, ',')) {
    const [rawName, ...params] = splitOutsideQuotes(metric, ';').map((part) => part.trim());
    if (rawName === undefined || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(rawName)) continue;
    const entry: { name: string; dur?: number; desc?: string } = { name: rawName };
    for (const param of params) {
      const equals = param.indexOf('=');
      const key = (equals === -1 ? param : param.slice(0, equals)).trim().toLowerCase();
      const value = equals === -1 ? '' : unquote(param.slice(equals + 1).trim());
      if (key === 'dur' && entry.dur === undefined) {
        const dur = Number(value);
        if (Number.isFinite(dur) && dur >= 0) entry.dur = dur;
      } else if (key === 'desc' && entry.desc === undefined) entry.desc = value;
    }
    entries.push(entry);
  }
  return entries;
}
