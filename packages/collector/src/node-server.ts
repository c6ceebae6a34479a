import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type CollectorHandler, type CollectorOptions, createCollector } from './handler.ts';

/** A Node/connect-style request listener; `next` is connect's fall-through, unused here. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

function toRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = new URL(
    request.originalUrl ?? request.url ?? '/',
    `http://${request.headers.host ?? 'localhost'}`,
  );
  const method = request.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  // Streamed, not buffered: the handler counts bytes as they come and stops at 64 KiB.
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(request) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by connect (Vite's middleware stack) before it strips a mount prefix. */
    originalUrl?: string | undefined;
  }
}

/**
 * Adapts the collector's Fetch handler to Node's `http` and to connect
 * middleware (a Vite dev server). A request whose body was refused before it
 * was read (413, 429) gets `connection: close`, so the rest of an oversized
 * upload is not read off the socket.
 */
export function toNodeListener(handler: CollectorHandler): NodeListener {
  return (request, response) => {
    const info =
      request.socket.remoteAddress === undefined ? {} : { clientAddress: request.socket.remoteAddress };
    handler(toRequest(request), info)
      .then(async (answer) => {
        const headers = Object.fromEntries(answer.headers);
        if (!request.complete && request.method !== 'GET' && request.method !== 'HEAD')
          headers.connection = 'close';
        response.writeHead(answer.status, headers);
        response.end(answer.body === null ? undefined : Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        if (!response.headersSent)
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error');
        else response.destroy();
        process.emitWarning(`tokenpaint-collector: ${error instanceof Error ? error.stack : String(error)}`);
      });
  };
}

/** Options of {@link listen}. */
export interface ListenOptions extends CollectorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
}

/** A running collector. */
export interface CollectorServer {
  /** Base URL, e.g. `http://127.0.0.1:8788`. */
  url: string;
  port: number;
  /** The handler, with its store. */
  handler: CollectorHandler;
  /** Stops accepting connections, finishes queued writes and closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the collector as a Node HTTP server.
 *
 * @example
 * const server = await listen({ port: 8788, db: './beacons.db' });
 * console.log(`${server.url}/v1/beacon`);
 */
export async function listen(options: ListenOptions = {}): Promise<CollectorServer> {
  const handler = createCollector(options);
  const server = createServer(toNodeListener(handler));
  // A beacon is one short request; idle keep-alive sockets need not outlive a page.
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await handler.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    handler,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await handler.close();
    },
  };
}
