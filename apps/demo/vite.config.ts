import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCollector, toNodeListener } from '@tokenpaint/collector';
import { mockLLMVitePlugin } from '@tokenpaint/mock-llm/node';
import react from '@vitejs/plugin-react';
import {
  defaultClientConditions,
  defineConfig,
  type Plugin,
  type PreviewServer,
  type ViteDevServer,
} from 'vite';

/** Where the demo serves the mock LLM: same origin as the page, so no CORS and no second port. */
const MOCK_BASE = '/mock';

/** Where the demo serves the beacon collector and its dashboard. */
const COLLECTOR_BASE = '/collector';

/**
 * The beacon collector on the dev and preview servers, storing in
 * apps/demo/.tokenpaint/beacons.db: the dashboard is one click from the demo,
 * with nothing else to start.
 */
function collector(): Plugin {
  const mount = (server: ViteDevServer | PreviewServer) => {
    const dir = fileURLToPath(new URL('./.tokenpaint/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const handler = createCollector({ db: `${dir}beacons.db`, basePath: COLLECTOR_BASE });
    const listener = toNodeListener(handler);
    server.middlewares.use(COLLECTOR_BASE, (request, response) => listener(request, response));
    server.httpServer?.once('close', () => void handler.close());
  };
  return { name: 'tokenpaint-demo-collector', configureServer: mount, configurePreviewServer: mount };
}

/** Says where the mock and the collector are, under Vite's own URLs. */
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
            `  ➜  Mock LLM: ${new URL(`.${MOCK_BASE}/`, local).href} (GET for endpoints and presets)\n` +
              `  ➜  Collector: ${new URL(`.${COLLECTOR_BASE}/`, local).href} (dashboard; beacons to ${COLLECTOR_BASE}/v1/beacon)`,
          );
      };
    },
  };
}

export default defineConfig({
  // The mock LLM on the dev and preview servers: the demo streams over real HTTP
  // from a real socket (what users' apps do), with no external service to start.
  plugins: [react(), mockLLMVitePlugin({ basePath: MOCK_BASE }), collector(), printMockUrl()],
  // Read the workspace packages from source (the `@tokenpaint/source` condition);
  // Vite replaces its default conditions when the option is set, hence the spread.
  resolve: { conditions: ['@tokenpaint/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { sourcemap: true },
});
