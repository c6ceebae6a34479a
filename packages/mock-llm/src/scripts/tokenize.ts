// Pre-tokens as GPT-style tokenizers cut them: a word with its leading space, up
// to three digits, a run of punctuation, or a run of whitespace. Every code
// point matches one branch, so the pieces always cover the whole text.
const PRE_TOKEN = / ?[\p{L}\p{M}]+| ?\p{N}{1,3}| ?[^\s\p{L}\p{M}\p{N}]+|\s+/gu;

/** Longest piece in code points, not counting a leading space. */
const MAX_PIECE = 4;

/**
 * Splits text into word-ish tokens averaging about four characters, the way a
 * BPE tokenizer's output looks on the wire (" stream", "ing", "\n\n", "\":{").
 * Deterministic and lossless: `tokenize(text).join('') === text`.
 *
 * Long words are cut every four code points, never inside a surrogate pair, so
 * a token is always a well-formed string (an emoji is never split). Escapes in
 * JSON text can be split (`\` | `n`), as real models split them.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [preToken] of text.matchAll(PRE_TOKEN)) {
    const codePoints = Array.from(preToken);
    let start = 0;
    if (codePoints[0] === ' ' && codePoints.length > 1) {
      tokens.push(codePoints.slice(0, MAX_PIECE + 1).join(''));
      start = MAX_PIECE + 1;
    }
    for (; start < codePoints.length; start += MAX_PIECE) {
      tokens.push(codePoints.slice(start, start + MAX_PIECE).join(''));
    }
  }
  return tokens;
}
