/**
 * The Node-only entry, `@tokenpaint/mock-llm/node`: the HTTP server, the
 * Node listener adapter and the Vite plugin. Kept apart from the main entry so
 * browser bundles (Storybook, unit tests in jsdom) never see `node:http`.
 */
export type { ConnectionHandshakes } from './connection-handshake.ts';
export { createConnectionHandshakes } from './connection-handshake.ts';
export type { ListenOptions, MockServer, NodeListener, NodeListenerOptions } from './node-server.ts';
export { listen, toNodeListener } from './node-server.ts';
export type { MockLLMVitePlugin } from './vite-plugin.ts';
export { mockLLMVitePlugin } from './vite-plugin.ts';
