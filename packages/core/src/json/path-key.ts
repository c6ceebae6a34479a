/**
 * A JSON path as one string, so completed paths fit a `Set` and a renderer asks
 * "is `items[3].title` complete?" in O(1).
 */
import type { JSONPath } from './types.ts';

/** A path as a string key: `JSON.stringify(path)`, e.g. `["items",3,"title"]`. */
export function pathKey(path: JSONPath): string {
  return JSON.stringify(path);
}
