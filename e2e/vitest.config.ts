import { defineConfig } from 'vitest/config';

// Unit tests of the benchmark's figure computation only; the browser suites are
// Playwright's (tests/*.spec.ts, perf/*.bench.ts).
export default defineConfig({ test: { include: ['perf/**/*.test.ts'] } });
