/** The public shape of the incremental JSON parser. */
import type { AllowFlags } from './allow.ts';
import type { PartialJSONSyntaxError } from './errors.ts';

/** Options of {@link createPartialJSON}. */
export interface PartialJSONOptions {
  /** Which kinds of value may appear while incomplete ({@link Allow}); default `Allow.ALL`. */
  readonly allow?: AllowFlags;
  /**
   * One tree, mutated in place, instead of immutable snapshots: `value` keeps
   * its identity while the document grows (compare {@link PartialJSON.version}
   * to know it changed), and a read costs O(depth) however wide the open
   * containers are. For documents with tens of thousands of entries in one open
   * array or object, read every frame, where copying them per read is the cost.
   * Default `false`.
   */
  readonly live?: boolean;
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
   *
   * With `live: true`, one tree mutated in place instead: open arrays and
   * objects are the same objects at every read (the unfinished child written
   * into them), finished ones are frozen as they close. Do not keep a reading
   * to compare later; compare {@link PartialJSON.version}.
   */
  readonly value: unknown;
  /** Grows with every push that added text, and at {@link PartialJSON.reset}: the value may have changed. */
  readonly version: number;
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
