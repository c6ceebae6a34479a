// @tokenpaint/collector: the beacon endpoint. See README.md for the HTTP API.

export { CollectorQueryError, CollectorStorageError } from './errors.ts';
export type { ClientInfo, CollectorHandler, CollectorOptions } from './handler.ts';
export { createCollector } from './handler.ts';
export type { RateLimitOptions } from './http/rate-limit.ts';
export type { CollectorServer, ListenOptions, NodeListener } from './node-server.ts';
export { listen, toNodeListener } from './node-server.ts';
export { RELATIVE_ACCURACY } from './sketch.ts';
