import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConnectionHandshakes,
  createConnectionHandshakes,
  requestedHandshakeMs,
} from './connection-handshake.ts';
import {
  createMockLLMHandler,
  type MockLLMHandler,
  type MockLLMHandlerOptions,
  UNKNOWN_PATH_HEADER,
} from './handler.ts';

/** A Node/connect-style request listener; `next` is connect's fall-through. */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

async function readBody(request: IncomingMessage): Promise<Uint8Array | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of request) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

function toRequest(request: IncomingMessage, body: Uint8Array | undefined, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  const init: RequestInit = { method: request.method ?? 'GET', headers, signal };
  if (body !== undefined) init.body = body as BufferSource;
  return new Request(url, init);
}

async function writeResponse(
  response: Response,
  target: ServerResponse,
  stop: AbortController,
): Promise<void> {
  target.writeHead(response.status, Object.fromEntries(response.headers));
  // Headers now, not with the first body byte: clients measure TTFT from here too.
  target.flushHeaders();
  if (response.body === null) {
    target.end();
    return;
  }
  const reader = response.body.getReader();
  // Waiting for each write to be flushed gives backpressure, and means a drop
  // below cuts the socket only after everything before it went out.
  const write = (chunk: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => target.write(chunk, (error) => (error ? reject(error) : resolve())));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await write(value);
    }
    target.end();
  } catch (error) {
    // A dropped connection (the drop preset) or a client gone away: cut the
    // socket so the client sees an incomplete body, never a clean end.
    stop.abort();
    await reader.cancel().catch(() => undefined);
    target.destroy(error instanceof Error ? error : undefined);
  }
}

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * The sockets' ledger for `handshake=<ms>`; pass the one whose `accepted` the
   * server's `connection` event feeds, so a preconnected socket's age counts.
   */
  handshakes?: ConnectionHandshakes;
}

/** Resolves after `ms`, or at once when the client has gone. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Adapts a Fetch-standard handler to Node's `http` (and connect/Vite
 * middleware). The request's `signal` aborts when the client disconnects, which
 * stops the stream's timers. Mounted as middleware (`next` given), a path the
 * mock does not serve falls through to the next middleware instead of a 404
 * (a simulated `status=404` is still answered).
 *
 * @example
 * viteServer.middlewares.use('/mock', toNodeListener(createMockLLMHandler()));
 */
export function toNodeListener(handler: MockLLMHandler, options: NodeListenerOptions = {}): NodeListener {
  const handshakes = options.handshakes ?? createConnectionHandshakes();
  return (request, response, next) => {
    const stop = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished)
        stop.abort(new DOMException('The client closed the connection', 'AbortError'));
    });
    const run = async (): Promise<void> => {
      const fetchRequest = toRequest(request, await readBody(request), stop.signal);
      const handshakeMs = requestedHandshakeMs(new URL(fetchRequest.url), fetchRequest.headers);
      if (handshakeMs > 0) await sleep(handshakes.waitFor(request.socket, handshakeMs), stop.signal);
      if (stop.signal.aborted) return;
      const fetchResponse = await handler(fetchRequest);
      if (fetchResponse.headers.has(UNKNOWN_PATH_HEADER) && next !== undefined) {
        await fetchResponse.body?.cancel();
        next();
        return;
      }
      await writeResponse(fetchResponse, response, stop);
    };
    run().catch((error: unknown) => {
      if (next !== undefined) next(error);
      else if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
      } else response.destroy();
    });
  };
}

/** Options of {@link listen}. */
export interface ListenOptions extends MockLLMHandlerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1` (the mock is not meant to face a network). */
  host?: string;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:8787` (append `/v1` for the OpenAI SDK's `baseURL`). */
  url: string;
  port: number;
  /** Stops accepting connections and cuts open streams. */
  close(): Promise<void>;
}

/**
 * Starts the mock as a Node HTTP server.
 *
 * @example
 * const server = await listen({ port: 0 });
 * const client = new OpenAI({ apiKey: 'test', baseURL: `${server.url}/v1` });
 * // …
 * await server.close();
 */
export async function listen(options: ListenOptions = {}): Promise<MockServer> {
  const handshakes = createConnectionHandshakes();
  const server = createServer(toNodeListener(createMockLLMHandler(options), { handshakes }));
  server.on('connection', (socket) => handshakes.accepted(socket));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Streams can run for minutes: close them rather than wait.
        server.closeAllConnections();
      }),
  };
}
