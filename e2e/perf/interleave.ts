/**
 * The order of one rep of an interleaved benchmark: the list rotated by the rep
 * number, so drift on the machine (thermal state, a background job) falls on
 * every implementation in turn, not always on the one that runs last.
 */
export function rotated<T>(items: readonly T[], rep: number): T[] {
  return items.map((_, k) => items[(k + rep - 1) % items.length] as T);
}
