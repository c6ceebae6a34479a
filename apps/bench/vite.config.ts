import { createMockLLMHandler } from '@tokenpaint/mock-llm';
import { toNodeListener } from '@tokenpaint/mock-llm/node';
import react from '@vitejs/plugin-react';
import { type Connect, defaultClientConditions, defineConfig, type Plugin } from 'vite';

/** Where the bench serves the mock LLM: same origin as the page, so both chats stream over the same socket kind. */
const MOCK_BASE = '/mock';

/**
 * Mounts the mock LLM on the dev and preview servers, so both implementations
 * read a real HTTP stream from a real socket rather than an in-page fake fetch
 * (which would run the server's timers on the page's own main thread).
 */
function mockLLM(): Plugin {
  const listener = toNodeListener(createMockLLMHandler({ basePath: MOCK_BASE }));
  const mount = (middlewares: Connect.Server): void => {
    middlewares.use(MOCK_BASE, (req, res, next) => {
      // connect strips the mount path; the handler routes on the full path.
      req.url = MOCK_BASE + (req.url ?? '');
      listener(req, res, next);
    });
  };
  return {
    name: 'tokenpaint-bench-mock-llm',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
  };
}

export default defineConfig({
  plugins: [react(), mockLLM()],
  resolve: {
    // Read the workspace packages from source; setting the option replaces Vite's defaults, hence the spread.
    conditions: ['@tokenpaint/source', ...defaultClientConditions],
    // React's production build never calls <Profiler onRender>; its profiling build does, at a small
    // cost paid equally by both implementations. Exact-match alias, so `react-dom` itself is untouched.
    alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
  },
  server: { host: '127.0.0.1', port: 5180 },
  preview: { host: '127.0.0.1', port: 4180 },
  build: { sourcemap: true },
});
