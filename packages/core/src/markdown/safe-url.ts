/**
 * Whether a link or image URL from model output may reach the DOM. A prompt
 * injection can make a model write `[click](javascript:…)`; browsers forgive a
 * lot on the way to the scheme (entities, tabs and newlines inside it, mixed
 * case, leading control characters), so the URL is judged as the browser would
 * read it: entities decoded, whitespace and control characters removed, case
 * folded. Only `http:`, `https:` and `mailto:` schemes and scheme-less
 * (relative) URLs pass; everything else (`javascript:`, `vbscript:`, `data:`,
 * `file:`, unknown schemes) is refused.
 */

/** C0 and C1 controls, space, and the invisible or spacing characters a scheme could be split with. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g;

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
};

/** Decodes numeric (`&#58;`, `&#x3A;`, with or without `;`) and the named entities a scheme could hide behind. */
function decodeEntities(url: string): string {
  return url.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? match;
  });
}

/**
 * The URL as the browser would resolve its scheme: entities decoded (repeatedly,
 * for `&amp;#58;`), then every whitespace and control character removed.
 */
function normalized(url: string): string {
  let decoded = url;
  for (let pass = 0; pass < 3; pass++) {
    const next = decodeEntities(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  return decoded.replace(INVISIBLE, '');
}

/**
 * The URL to put in `href` or `src`, or `undefined` when it must not be used.
 * A URL that passes is returned as written (trimmed): the browser decodes it the
 * same way this check did.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  const plain = normalized(trimmed);
  // A scheme is letters, digits, `+`, `-`, `.` before the first `:` that comes before any `/`, `?` or `#`.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(plain)?.[1];
  if (scheme === undefined) {
    // No scheme: relative. A colon before the first slash would still be read as one by some parsers.
    const colon = plain.indexOf(':');
    const boundary = plain.search(/[/?#]/);
    if (colon >= 0 && (boundary < 0 || colon < boundary)) return undefined;
    return trimmed;
  }
  return ALLOWED_SCHEMES.has(scheme.toLowerCase()) ? trimmed : undefined;
}
