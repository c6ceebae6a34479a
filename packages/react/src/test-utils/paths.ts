/** A tool call's `completedPaths` in tests: the given paths as the core keys them. */
import { type JSONPath, pathKey } from '@tokenpaint/core';

export const paths = (...list: JSONPath[]): ReadonlySet<string> => new Set(list.map(pathKey));
