/** The public shape of the incremental JSON parser. */
import type { AllowFlags } from './allow.ts';
import type { PartialJSONSyntaxError } from './errors.ts';

/** Options of {@link createPartialJSON}. */
export interface PartialJSONOptions {
  /** Which kinds of value may appear while incomplete ({@link Allow}); default `Allow.ALL`. */
  readonly allow?: AllowFlags;
}

/** A JSON path: object keys and array indices from the root; `[]` is the root. */
export type JSONPath = readonly (string | number)[];

/** An incremental parser for one JSON document. */
export interface PartialJSON {
  /** Appends text. Throws {@link PartialJSONSyntaxError} at the first character that cannot be JSON. */
  push(delta: string): void;
  /**
   * The document so far, computed on read (several pushes between two reads
   * cost one snapshot). Read-only: every finished array and object is frozen
   * (containers still open are fresh copies, left unfrozen for speed), and
   * every array, object and string whose text did not change since the previous
   * read is the identical value.
   * `undefined` until something may be shown under `allow`.
   */
  readonly value: unknown;
  /** A complete top-level value was read (a top-level number completes at whitespace or {@link PartialJSON.end}). */
  readonly done: boolean;
  /** The syntax error that stopped the parser, if any. */
  readonly error: PartialJSONSyntaxError | undefined;
  /** Declares the text complete: returns the final value, or throws {@link PartialJSONSyntaxError} if the document is unfinished. */
  end(): unknown;
  /**
   * Paths of the values that completed since the previous call, in completion
   * order (children before their container; the root is `[]`). Kept until
   * taken: one small record per completed value.
   */
  takeCompletedPaths(): JSONPath[];
  /** Forgets everything, to parse a new document. */
  reset(): void;
}
