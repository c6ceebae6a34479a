import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createConnectionHandshakes } from './connection-handshake.ts';
import { createMockLLMHandler, type MockLLMHandlerOptions, normalizeBasePath } from './handler.ts';
import { toNodeListener } from './node-server.ts';

/** The part of a Vite dev or preview server the plugin uses (typed structurally: no `vite` dependency). */
interface MiddlewareHost {
  /** Absent in middleware mode; then a socket's age counts from its first mock request. */
  readonly httpServer?: { on(event: 'connection', listener: (socket: Socket) => void): unknown } | null;
  readonly middlewares: {
    use(
      path: string,
      handle: (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void,
    ): unknown;
  };
}

/** A Vite plugin object, as far as this plugin needs one. */
export interface MockLLMVitePlugin {
  readonly name: string;
  configureServer(server: MiddlewareHost): void;
  configurePreviewServer(server: MiddlewareHost): void;
}

/**
 * Mounts the mock LLM on Vite's dev and preview servers under `basePath`
 * (default `/mock`), so a page streams over real HTTP from a real socket, same
 * origin, with no second process to start.
 *
 * @example
 * // vite.config.ts
 * import { mockLLMVitePlugin } from '@tokenpaint/mock-llm/node';
 * export default defineConfig({ plugins: [react(), mockLLMVitePlugin()] });
 * // the page: fetch('/mock/v1/chat/completions?preset=bursty', { method: 'POST', body })
 */
export function mockLLMVitePlugin(options: MockLLMHandlerOptions = {}): MockLLMVitePlugin {
  const basePath = normalizeBasePath(options.basePath ?? '/mock');
  const handshakes = createConnectionHandshakes();
  const listener = toNodeListener(createMockLLMHandler({ ...options, basePath }), { handshakes });
  const mount = (server: MiddlewareHost): void => {
    server.httpServer?.on('connection', (socket) => handshakes.accepted(socket));
    server.middlewares.use(basePath || '/', (request, response, next) => {
      // connect strips the mount path; the handler routes on the full path. A request
      // passed on gets its URL back as connect gave it: connect itself puts the mount
      // path in front again, and would otherwise double it.
      const stripped = request.url ?? '';
      request.url = basePath + stripped;
      listener(request, response, (error) => {
        request.url = stripped;
        next(error);
      });
    });
  };
  return { name: 'tokenpaint-mock-llm', configureServer: mount, configurePreviewServer: mount };
}
