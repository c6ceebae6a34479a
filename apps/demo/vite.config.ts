import { mockLLMVitePlugin } from '@tokenpaint/mock-llm/node';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/** Where the demo serves the mock LLM: same origin as the page, so no CORS and no second port. */
const MOCK_BASE = '/mock';

/** Says where the mock is (for curl or the official SDKs) under Vite's own URLs. */
function printMockUrl(): Plugin {
  return {
    name: 'tokenpaint-demo-print-mock-url',
    configureServer(server) {
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        printUrls();
        const local = server.resolvedUrls?.local[0];
        if (local)
          server.config.logger.info(
            `  ➜  Mock LLM: ${new URL(`.${MOCK_BASE}/`, local).href} (GET for endpoints and presets)`,
          );
      };
    },
  };
}

export default defineConfig({
  // The mock LLM on the dev and preview servers: the demo streams over real HTTP
  // from a real socket (what users' apps do), with no external service to start.
  plugins: [react(), mockLLMVitePlugin({ basePath: MOCK_BASE }), printMockUrl()],
  // Read the workspace packages from source (the `@tokenpaint/source` condition);
  // Vite replaces its default conditions when the option is set, hence the spread.
  resolve: { conditions: ['@tokenpaint/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { sourcemap: true },
});
