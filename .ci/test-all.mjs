// Runs every suite of the workspace and ends with one line: `N passed, N failed`.
//
// Suites, in order: type-check (one test per workspace package), packaging (one
// test per publishable library), lint (one test), rules (the import rules and
// the API surface and the bundle budgets, one test each),
// Vitest (each package's own tests, counted from its JSON report), the Storybook
// build (one test), Playwright (counted from its JSON report). A suite that
// crashes before it writes a report counts as one failure, so a broken runner
// can never read as "0 failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
// Names of the failed tests, printed just above the summary: CI shows only the
// tail of a log, and a flaky test must be findable from that tail alone.
const failedTests = [];

function run(label, command, args, options = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

/**
 * Counts a runner's report; a runner that exited non-zero while reporting no
 * failed test (it could not start its server, a config error, a crash) counts
 * one failure, so it can never read as green.
 */
function countReport(label, ok, passed, failed, skipped) {
  count(label, passed, failed === 0 && !ok ? 1 : failed, skipped);
}

function count(label, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (failed > 0) failures.push(`${label} (${failed} failed)`);
  console.log(`--- ${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

function workspaceDirs() {
  const dirs = [];
  for (const parent of ['packages', 'apps']) {
    const base = join(root, parent);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) dirs.push(join(base, name));
  }
  dirs.push(join(root, 'stories'), join(root, 'e2e'));
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));
}

const only = process.argv.slice(2);
const wants = (suite) => only.length === 0 || only.includes(suite);
const packages = workspaceDirs();

if (wants('typecheck')) {
  for (const { dir, pkg } of packages) {
    if (!pkg.scripts?.typecheck) continue;
    const ok = run(`typecheck ${pkg.name}`, 'pnpm', ['--dir', dir, 'run', 'typecheck']);
    count(`typecheck ${pkg.name}`, ok ? 1 : 0, ok ? 0 : 1);
  }
}

if (wants('packaging')) {
  // What a user installs from the registry, not the workspace sources: each
  // library builds, publint finds no manifest mistake, and arethetypeswrong
  // resolves every entry's types under Node16 and bundler resolution (ESM-only
  // packages: the CommonJS and node10 columns do not apply). CSS entries carry
  // no types by nature.
  for (const { dir, pkg } of packages) {
    if (pkg.private || !pkg.scripts?.build) continue;
    const label = `packaging ${pkg.name}`;
    const cssEntries = Object.keys(pkg.exports ?? {}).filter((entry) => entry.endsWith('.css'));
    const ok =
      run(`${label}: build`, 'pnpm', ['--dir', dir, 'run', 'build']) &&
      run(`${label}: publint`, 'pnpm', ['exec', 'publint', '--strict', dir]) &&
      run(`${label}: attw`, 'pnpm', [
        '--dir',
        dir,
        'exec',
        'attw',
        '--pack',
        '.',
        '--profile',
        'esm-only',
        '--format',
        'ascii',
        ...(cssEntries.length ? ['--exclude-entrypoints', ...cssEntries] : []),
      ]);
    count(label, ok ? 1 : 0, ok ? 0 : 1);
  }
}

if (wants('lint')) {
  const ok = run('lint', 'pnpm', ['exec', 'biome', 'check', '.']);
  count('lint', ok ? 1 : 0, ok ? 0 : 1);
}

if (wants('rules')) {
  // Architecture and public API as checks: the import rules of .ci/checks/import-rules.mjs,
  // each package's export names against its reviewed api-surface.txt, and bundle budgets.
  for (const [label, script] of [
    ['import rules', '.ci/checks/import-rules.mjs'],
    ['api surface', '.ci/checks/api-surface.mjs'],
    ['bundle size', '.ci/checks/bundle-size.mjs'],
  ]) {
    const ok = run(label, 'node', [script]);
    count(label, ok ? 1 : 0, ok ? 0 : 1);
  }
}

if (wants('unit')) {
  for (const { dir, pkg } of packages) {
    // Every package with a Vitest config (e2e's covers only its benchmark helpers).
    if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
    const out = join(reports, `vitest-${relative(root, dir).replaceAll('/', '-')}.json`);
    const ok = run(`vitest ${pkg.name}`, 'pnpm', [
      '--dir',
      dir,
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]);
    if (!existsSync(out)) {
      count(`vitest ${pkg.name}`, 0, 1);
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    for (const file of report.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status !== 'failed') continue;
        const reason = String(test.failureMessages?.[0] ?? '').split('\n')[0];
        failedTests.push(`${relative(root, file.name)} › ${test.fullName}: ${reason}`);
      }
    }
    // A test file that fails to load has no tests in it but still fails the run.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
    ).length;
    countReport(
      `vitest ${pkg.name}`,
      ok,
      report.numPassedTests,
      report.numFailedTests + brokenFiles,
      report.numPendingTests + report.numTodoTests,
    );
  }
}

if (wants('storybook')) {
  const ok = run('storybook build', 'pnpm', ['--dir', join(root, 'stories'), 'run', 'build'], {
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  count('storybook build', ok ? 1 : 0, ok ? 0 : 1);
  // The e2e suite serves this build instead of making its own.
  if (ok) process.env.TOKENPAINT_STORYBOOK_BUILT = '1';
}

if (wants('e2e')) {
  const out = join(reports, 'playwright.json');
  const ok = run(
    'playwright',
    'pnpm',
    ['--dir', join(root, 'e2e'), 'exec', 'playwright', 'test', '--reporter=list,json'],
    {
      // The specs import workspace packages (the mock's scripts) from source.
      env: {
        ...process.env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: out,
        NODE_OPTIONS: '--conditions=@tokenpaint/source',
      },
    },
  );
  if (!existsSync(out)) count('playwright', 0, 1);
  else {
    const { stats, suites } = JSON.parse(readFileSync(out, 'utf8'));
    collectPlaywrightFailures(suites ?? [], []);
    countReport('playwright', ok, stats.expected + stats.flaky, stats.unexpected, stats.skipped);
  }
}

function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message ?? '';
        failedTests.push(`${[...path, spec.title].join(' › ')}: ${error.split('\n')[0]}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

console.log('');
for (const name of failedTests) console.log(`failed: ${name}`);
if (failures.length) console.log(`failed suites: ${failures.join('; ')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed === 0 ? 0 : 1);
