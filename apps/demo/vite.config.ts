import { createMockLLMHandler } from '@tokenpaint/mock-llm';
import { toNodeListener } from '@tokenpaint/mock-llm/node';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/** Where the demo serves the mock LLM: same origin as the page, so no CORS and no second port. */
const MOCK_BASE = '/mock';

/**
 * Mounts the mock LLM server on the dev and preview servers. The demo then
 * streams over real HTTP from a real socket (what users' apps do), with no
 * external service to start.
 */
function mockLLM(): Plugin {
  const listener = toNodeListener(createMockLLMHandler({ basePath: MOCK_BASE }));
  return {
    name: 'tokenpaint-mock-llm',
    configureServer(server) {
      server.middlewares.use(MOCK_BASE, (req, res, next) => {
        // connect strips the mount path; the handler routes on the full path.
        req.url = MOCK_BASE + (req.url ?? '');
        listener(req, res, next);
      });
      // Say where the mock is, for pointing other clients (curl, the SDKs) at it.
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
    configurePreviewServer(server) {
      server.middlewares.use(MOCK_BASE, (req, res, next) => {
        req.url = MOCK_BASE + (req.url ?? '');
        listener(req, res, next);
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), mockLLM()],
  // Read the workspace packages from source (the `@tokenpaint/source` condition);
  // Vite replaces its default conditions when the option is set, hence the spread.
  resolve: { conditions: ['@tokenpaint/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { sourcemap: true },
});
