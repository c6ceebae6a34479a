// The public API of every publishable package, as a reviewed text file: the
// sorted export names of each entry point (`packages/<pkg>/api-surface.txt`).
// A change of the surface fails here until the file is updated on purpose:
//
//   node .ci/checks/api-surface.mjs            # check (exit 1 and a diff on change)
//   node .ci/checks/api-surface.mjs --update   # rewrite the files after a deliberate change
//
// Entry points are made of `export { … } from` and `export type { … } from`
// statements only (the check rejects anything else, `export *` included), so
// reading those statements is the whole surface; no compiler API is needed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const update = process.argv.includes('--update');

/** `{ kind, name }` for every name an entry exports; throws on a statement it cannot read. */
export function exportsOf(source, file) {
  const names = [];
  const body = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const statement = /export\s+(type\s+)?\{([^}]*)\}\s*from\s*'[^']+';/g;
  let rest = body;
  for (const match of body.matchAll(statement)) {
    rest = rest.replace(match[0], '');
    for (const raw of match[2].split(',')) {
      const item = raw.trim();
      if (!item) continue;
      const typeOnly = Boolean(match[1]) || item.startsWith('type ');
      const name = item
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)
        .trim();
      names.push({ kind: typeOnly ? 'type' : 'value', name });
    }
  }
  const leftover = rest.replace(/^\s*'use client';\s*$/m, '').trim();
  if (leftover !== '')
    throw new Error(
      `${file}: an entry point holds only \`export { … } from\` statements; found: ${leftover.slice(0, 80)}`,
    );
  return names;
}

function surfaceOf(dir, pkg) {
  const lines = [
    `# ${pkg.name}: the exported names of each entry point (node .ci/checks/api-surface.mjs --update)`,
  ];
  for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
    const source = typeof target === 'object' ? target['@tokenpaint/source'] : undefined;
    if (!source?.endsWith('.ts') && !source?.endsWith('.tsx')) continue; // CSS, package.json
    const file = join(dir, source);
    const names = exportsOf(readFileSync(file, 'utf8'), file).sort((a, b) => (a.name < b.name ? -1 : 1));
    lines.push('', `## ${entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`} (${names.length})`);
    for (const { kind, name } of names) lines.push(`${kind} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

let failed = 0;
let passed = 0;
for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  if (pkg.private) continue;
  const file = join(dir, 'api-surface.txt');
  const now = surfaceOf(dir, pkg);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (update) {
    if (now !== before) writeFileSync(file, now);
    console.log(`${now === before ? 'unchanged' : 'updated'}: packages/${name}/api-surface.txt`);
    continue;
  }
  if (now === before) {
    passed++;
    console.log(`ok: ${pkg.name}`);
    continue;
  }
  failed++;
  const was = new Set(before.split('\n'));
  const is = new Set(now.split('\n'));
  console.error(`${pkg.name}: the public API changed (packages/${name}/api-surface.txt):`);
  for (const line of is) if (!was.has(line) && !line.startsWith('#')) console.error(`  + ${line}`);
  for (const line of was) if (!is.has(line) && !line.startsWith('#')) console.error(`  - ${line}`);
  console.error(
    '  Deliberate? Document it in the README, then run: node .ci/checks/api-surface.mjs --update',
  );
}
if (!update) console.log(`api-surface: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
