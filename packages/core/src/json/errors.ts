/**
 * Typed errors of the incremental JSON parser and the tool-call assembler.
 * Each carries the fields a caller needs to act on it (where, what, which call)
 * so that nobody has to parse a message.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * The streamed text is not JSON. Thrown by `push` (and `end`) at the first
 * offending character; everything before it stays readable through the parser's
 * `value`, and later pushes throw the same error until `reset()`.
 */
export class PartialJSONSyntaxError extends SyntaxError {
  override readonly name = 'PartialJSONSyntaxError';
  /** Index (UTF-16 code units, from the start of the whole text) of the offending character, or the text length at an unexpected end. */
  readonly offset: number;
  /** What the grammar allowed at that point, e.g. `"',' or ']'"`. */
  readonly expected: string;
  /** The offending character, or `undefined` when the text ended too early. */
  readonly found: string | undefined;

  constructor(offset: number, expected: string, found: string | undefined) {
    const what = found === undefined ? 'the end of the text' : JSON.stringify(found);
    super(
      `Invalid JSON at offset ${offset}: expected ${expected} but found ${what}. ` +
        'The value parsed before this point is still available; call reset() to parse a new document.',
    );
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }
}

/**
 * A tool call's complete arguments were rejected by the tool's schema. Stored in
 * `ToolCallSnapshot.error`; the call's `args` keep the parsed JSON.
 */
export class ToolCallValidationError extends Error {
  override readonly name = 'ToolCallValidationError';
  /** The tool call's id. */
  readonly callId: string;
  /** The tool's name. */
  readonly toolName: string;
  /** The schema's issues, as Standard Schema reports them. */
  readonly issues: readonly StandardSchemaV1.Issue[];

  constructor(callId: string, toolName: string, issues: readonly StandardSchemaV1.Issue[]) {
    const first = issues[0];
    const where = first?.path?.length ? ` at ${first.path.map(pathKey).join('.')}` : '';
    super(
      `Arguments of tool "${toolName}" (call ${callId}) do not match its schema${where}: ${first?.message ?? 'invalid'}` +
        (issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : ''),
    );
    this.callId = callId;
    this.toolName = toolName;
    this.issues = issues;
  }
}

function pathKey(segment: PropertyKey | StandardSchemaV1.PathSegment): string {
  const key = typeof segment === 'object' ? segment.key : segment;
  return String(key);
}
