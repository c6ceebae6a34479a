import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // Read sibling workspace packages from source: no build step before tests.
  resolve: { conditions: ['@tokenpaint/source', ...defaultClientConditions] },
  // The node-environment tests (server rendering) resolve through the SSR conditions.
  ssr: { resolve: { conditions: ['@tokenpaint/source', ...defaultServerConditions] } },
  test: {
    environment: 'jsdom',
    // `pnpm bench` (TP_BENCH=1) runs the measurements in bench/ instead of the unit tests.
    include: process.env.TP_BENCH
      ? ['bench/**/*.test.{ts,tsx}']
      : ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-utils/setup.ts'],
  },
});
