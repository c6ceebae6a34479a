import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Read sibling workspace packages from source: no build step before tests.
  resolve: { conditions: ['@tokenpaint/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@tokenpaint/source', ...defaultServerConditions] } },
  test: { include: ['src/**/*.test.ts', 'tests/**/*.test.ts'] },
});
