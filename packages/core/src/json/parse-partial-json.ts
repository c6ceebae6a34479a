/** The one-shot form of the incremental parser. */
import { Allow, type AllowFlags } from './allow.ts';
import { createPartialJSON } from './partial-json.ts';

/**
 * Parses a prefix of a JSON text in one go: `createPartialJSON({ allow })` fed
 * the whole text. Returns `undefined` where nothing may be shown yet; throws
 * {@link PartialJSONSyntaxError} if the text cannot be the start of a JSON text.
 */
export function parsePartialJSON(text: string, allow: AllowFlags = Allow.ALL): unknown {
  const parser = createPartialJSON({ allow });
  parser.push(text);
  return parser.value;
}
