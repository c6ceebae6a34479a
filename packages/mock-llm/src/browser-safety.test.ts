import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The main entry must load in a browser (Storybook, in-page tests): no module it
// reaches may import a `node:` builtin. Only the `./node` subpath may.
function importGraph(entry: URL, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry.href)) return seen;
  const source = readFileSync(entry, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*from\s*'([^']+)'/gm)].map(
    (match) => match[1]!,
  );
  seen.set(entry.href, specifiers);
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) importGraph(new URL(specifier, entry), seen);
  }
  return seen;
}

describe('browser safety', () => {
  it('the main entry reaches no node: module', () => {
    const graph = importGraph(new URL('./index.ts', import.meta.url));
    expect(graph.size).toBeGreaterThan(15);
    const offenders = [...graph].filter(([, specifiers]) =>
      specifiers.some((specifier) => specifier.startsWith('node:')),
    );
    expect(offenders).toEqual([]);
  });

  it('the ./node entry is where node:http lives', () => {
    const graph = importGraph(new URL('./node.ts', import.meta.url));
    expect([...graph.values()].flat()).toContain('node:http');
  });
});
