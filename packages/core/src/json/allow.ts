/**
 * Which kinds of value may appear in a snapshot while still incomplete. The
 * flags and their numeric values are those of the `partial-json` package
 * (https://github.com/promplate/partial-json-parser-js), so code written
 * against it keeps working; they are redefined here so that `@tokenpaint/core`
 * has no runtime dependency on it.
 *
 * A value whose kind is not allowed is left out of its parent until it is
 * complete; when the top-level value is such a value, the snapshot is
 * `undefined`. Complete values always appear.
 */
export const Allow = Object.freeze({
  /** A partial string such as `"hel` reads as `"hel"`. */
  STR: 0b000000001,
  /** A partial number: `12` at the end of the text reads as `12`, `1.5e` as `1.5`; `-` and `1.` are left out. */
  NUM: 0b000000010,
  /** A partial array such as `[1, 2` reads as `[1, 2]`. */
  ARR: 0b000000100,
  /** A partial object such as `{"a": 1, "b` reads as `{ a: 1 }`. */
  OBJ: 0b000001000,
  /** `n`, `nu`, `nul` read as `null`. */
  NULL: 0b000010000,
  /** `t`, `tr`, `tru` read as `true`; `f` … `fals` as `false`. */
  BOOL: 0b000100000,
  /** `NaN` prefixes (not JSON; accepted for compatibility, never produced by valid input). */
  NAN: 0b001000000,
  /** `Infinity` prefixes (not JSON; accepted for compatibility, never produced by valid input). */
  INFINITY: 0b010000000,
  /** `-Infinity` prefixes (not JSON; accepted for compatibility, never produced by valid input). */
  _INFINITY: 0b100000000,
  /** `INFINITY | _INFINITY`. */
  INF: 0b110000000,
  /** `NULL | BOOL | INF | NAN`. */
  SPECIAL: 0b111110000,
  /** `STR | NUM | SPECIAL`. */
  ATOM: 0b111110011,
  /** `ARR | OBJ`. */
  COLLECTION: 0b000001100,
  /** Everything: the default. */
  ALL: 0b111111111,
} as const);

/** A bit set of {@link Allow} flags, e.g. `Allow.ALL & ~Allow.NUM`. */
export type AllowFlags = number;
