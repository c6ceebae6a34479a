import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mockLLMVitePlugin } from './node.ts';

type Handle = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * A server that mounts middleware the way connect (Vite's middleware stack) does:
 * it strips the mount path before the layer and puts it back in front of
 * `req.url` before the next one. The fall-through answers with the URL it saw.
 */
async function serveLikeConnect(mounted: { path: string; handle: Handle }[]): Promise<Server> {
  const server = createServer((request, response) => {
    const fallThrough = () => response.writeHead(404).end(`fell through at ${request.url}`);
    const layer = mounted.find(({ path }) => request.url?.startsWith(path));
    if (!layer) return fallThrough();
    request.url = request.url?.slice(layer.path.length) || '/';
    layer.handle(request, response, () => {
      request.url = layer.path + request.url;
      fallThrough();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

let server: Server | undefined;
afterEach(() => server?.close());

describe('mockLLMVitePlugin', () => {
  it('mounts the mock under its base path on the dev and the preview server', async () => {
    const plugin = mockLLMVitePlugin({ basePath: '/llm' });
    const dev: { path: string; handle: Handle }[] = [];
    const preview: { path: string; handle: Handle }[] = [];
    plugin.configureServer({ middlewares: { use: (path, handle) => dev.push({ path, handle }) } });
    plugin.configurePreviewServer({ middlewares: { use: (path, handle) => preview.push({ path, handle }) } });
    expect(dev.map((m) => m.path)).toEqual(['/llm']);
    expect(preview.map((m) => m.path)).toEqual(['/llm']);

    server = await serveLikeConnect(dev);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${base}/llm/v1/text?preset=instant`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await response.text()).length).toBeGreaterThan(100);

    // Paths the mock does not serve fall through to the next middleware (Vite's own).
    const unknown = await fetch(`${base}/llm/not-an-endpoint`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('fell through at /llm/not-an-endpoint'); // the URL Vite's next middleware sees
  });

  it('accepts a base path with a trailing slash', async () => {
    const mounted: { path: string; handle: Handle }[] = [];
    mockLLMVitePlugin({ basePath: '/mock/' }).configureServer({
      middlewares: { use: (path, handle) => mounted.push({ path, handle }) },
    });
    expect(mounted.map((m) => m.path)).toEqual(['/mock']);
    server = await serveLikeConnect(mounted);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${base}/mock/v1/text?preset=instant`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
  });

  it('defaults to /mock', () => {
    const paths: string[] = [];
    mockLLMVitePlugin().configureServer({ middlewares: { use: (path) => paths.push(path) } });
    expect(paths).toEqual(['/mock']);
  });
});
