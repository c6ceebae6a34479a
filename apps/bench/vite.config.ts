import { mockLLMVitePlugin } from '@tokenpaint/mock-llm/node';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  // The mock LLM at /mock on the dev and preview servers, so both implementations
  // read a real HTTP stream from a real socket rather than an in-page fake fetch
  // (which would run the server's timers on the page's own main thread).
  plugins: [react(), mockLLMVitePlugin()],
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
