import { parseArgs } from 'node:util';
import { ENDPOINTS } from './formats/endpoints.ts';
import { normalizeBasePath } from './handler.ts';
import { listen } from './node-server.ts';
import { PRESET_NAMES } from './profiles/presets.ts';
import { SCRIPT_NAMES } from './scripts/registry.ts';

const HELP = `tokenpaint-mock-llm: a deterministic streaming LLM server for tests, stories and demos

Usage: tokenpaint-mock-llm [--port 8787] [--host 127.0.0.1] [--base-path /mock]

Options:
  --port <n>         TCP port (default 8787; 0 picks a free one)
  --host <addr>      interface to bind (default 127.0.0.1)
  --base-path <p>    serve every endpoint under this prefix (default none)
  -h, --help         show this help

Per request (query string or x-mock-<name> header):
  preset=${PRESET_NAMES.join('|')}
  script=${SCRIPT_NAMES.join('|')}
  seed=<int> resumable=1 ttft tps jitter burst stallAt stallMs dropAt malformedAt buffer status retryAfter
`;

function fail(message: string): never {
  process.stderr.write(`tokenpaint-mock-llm: ${message}\n\n${HELP}`);
  process.exit(2);
}

let values: { port?: string; host?: string; 'base-path'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const rawPort = values.port ?? '8787';
const port = /^\d+$/.test(rawPort) ? Number(rawPort) : Number.NaN;
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`--port must be an integer 0..65535, got "${values.port}"`);
// `mock`, `/mock/` and `/mock` all mount at /mock, and the URLs printed below say so.
const basePath = normalizeBasePath(values['base-path'] ?? '');

const server = await listen({ port, host: values.host ?? '127.0.0.1', basePath });
const lines = [`tokenpaint-mock-llm listening on ${server.url}`, ''];
for (const endpoint of ENDPOINTS)
  lines.push(`  POST ${server.url}${basePath}${endpoint.path}  ${endpoint.format}`);
lines.push(`  GET  ${server.url}${basePath}/  index of endpoints, presets and scripts`, '');
lines.push(`presets: ${PRESET_NAMES.join(', ')}`, `scripts: ${SCRIPT_NAMES.join(', ')}`, '');
process.stdout.write(`${lines.join('\n')}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
