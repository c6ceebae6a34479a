import { Agent, request } from 'node:http';

/** One answered request: status and wall time in ms. */
export interface Sent {
  status: number;
  ms: number;
}

/**
 * A minimal keep-alive HTTP client: `node:http` with a pooled agent costs the
 * sending process less than `fetch`, so on two cores more of the machine is
 * left to the collector being measured.
 */
export function client(baseUrl: string, sockets: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (
    method: string,
    path: string,
    body?: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<Sent & { text: string }> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        { host: url.hostname, port: url.port, method, path, agent, headers },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, text }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** Nearest-rank percentile of a sample. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
