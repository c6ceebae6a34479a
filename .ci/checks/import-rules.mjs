// The import rules of the workspace, checked over every source file's imports.
//
//   node .ci/checks/import-rules.mjs
//
// Rules (tests, test helpers and benchmarks may also import test kits and the mock):
// 1. @tokenpaint/core imports no other workspace package: it is the bottom.
// 2. @tokenpaint/mock-llm imports no other workspace package: a mock built on the
//    code it tests would agree with that code's mistakes.
// 3. Inside core, a folder imports only its own layer or lower ones:
//    subscribable, sse, beacon < protocols < json < run < view, metrics < testing.
// 4. @tokenpaint/react reaches core through its published entry points only
//    (`@tokenpaint/core`, `/view`, `/testing`), never a deep path; and its hooks,
//    a11y and scheduling modules import nothing from components/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

const CORE_LAYERS = {
  'subscribable.ts': 0,
  sse: 0,
  beacon: 0,
  markdown: 0,
  protocols: 1,
  json: 2,
  run: 3,
  view: 4,
  metrics: 4,
  testing: 5,
};
const CORE_ENTRIES = new Set(['@tokenpaint/core', '@tokenpaint/core/view', '@tokenpaint/core/testing']);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) yield path;
  }
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(source) {
  const specifiers = [];
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3]);
  return specifiers;
}

const isTestFile = (path) =>
  /\.test\.tsx?$/.test(path) || /\/test-[^/]*\.ts$/.test(path) || /\/(test-utils|bench)\//.test(path);

/** The layer of a file inside packages/core/src, or undefined for the entry points beside the folders. */
function coreLayer(file) {
  const top = relative(join(root, 'packages/core/src'), file).split('/')[0];
  return CORE_LAYERS[top];
}

const violations = [];
let checked = 0;

function check(file, rule) {
  const source = readFileSync(file, 'utf8');
  checked++;
  for (const specifier of importsOf(source)) {
    const problem = rule(specifier, file);
    if (problem) violations.push(`${relative(root, file)}: imports '${specifier}': ${problem}`);
  }
}

const inPackage = (name) => join(root, 'packages', name);

// 1 and 3: core
for (const file of sourceFiles(inPackage('core'))) {
  check(file, (specifier) => {
    if (specifier.startsWith('@tokenpaint/')) {
      if (specifier === '@tokenpaint/mock-llm' && isTestFile(file)) return undefined;
      if (relative(inPackage('core'), file).startsWith('bench/')) return undefined;
      return 'core imports no other workspace package';
    }
    if (!specifier.startsWith('.')) return undefined;
    const from = coreLayer(file);
    const to = coreLayer(resolve(dirname(file), specifier));
    if (from === undefined || to === undefined || isTestFile(file)) return undefined;
    if (to > from)
      return 'a lower layer imports a higher one (subscribable, sse, beacon < protocols < json < run < view < testing)';
    return undefined;
  });
}

// 2: mock-llm
for (const file of sourceFiles(inPackage('mock-llm'))) {
  check(file, (specifier) =>
    specifier.startsWith('@tokenpaint/') && !specifier.startsWith('@tokenpaint/mock-llm')
      ? 'the mock stays independent of the code it tests'
      : undefined,
  );
}

// 4: react
for (const file of sourceFiles(join(inPackage('react'), 'src'))) {
  const area = relative(join(inPackage('react'), 'src'), file).split('/')[0];
  check(file, (specifier) => {
    if (specifier.startsWith('@tokenpaint/core') && !CORE_ENTRIES.has(specifier))
      return `reach core through ${[...CORE_ENTRIES].join(', ')} only`;
    if (['hooks', 'a11y', 'scheduling'].includes(area) && /(^|\/)components\//.test(specifier))
      return 'hooks, a11y and scheduling import nothing from components/';
    return undefined;
  });
}

// 5: what does not need React lives in core. In the binding, a module that does not
// import React is an entry point or declares types only.
const ENTRY_POINTS = new Set(['index.ts', 'testing.ts']);
for (const file of sourceFiles(join(inPackage('react'), 'src'))) {
  const path = relative(join(inPackage('react'), 'src'), file);
  if (ENTRY_POINTS.has(path) || isTestFile(file)) continue;
  const source = readFileSync(file, 'utf8');
  // A hook built on the binding's own hooks is React code too, though it never names 'react'.
  const usesReact =
    importsOf(source).some((specifier) => specifier === 'react' || specifier.startsWith('react/')) ||
    /import\s*\{[^}]*\buse[A-Z]\w*[^}]*\}\s*from\s*'\.{1,2}\//.test(source);
  const declaresValues = /^export\s+(?:default\s+|async\s+)?(?:function|const|let|class|enum)\b/m.test(
    source,
  );
  if (!usesReact && declaresValues)
    violations.push(
      `packages/react/src/${path}: imports nothing from React, so it belongs in @tokenpaint/core`,
    );
}

for (const line of violations) console.error(line);
console.log(`import-rules: ${checked} files, ${violations.length} violations`);
process.exit(violations.length === 0 ? 0 : 1);
