import { parseArgs } from 'node:util';
import { listen } from './node-server.ts';

const HELP = `tokenpaint-collector: the beacon endpoint for tokenpaint's real-user metrics

Usage: tokenpaint-collector [--port 8788] [--host 127.0.0.1] [--db ./beacons.db]

Options:
  --port <n>             TCP port (default 8788; 0 picks a free one)
  --host <addr>          interface to bind (default 127.0.0.1)
  --db <file>            SQLite file, created on first use (default ./beacons.db)
  --allow-origin <o>     an origin whose pages may post beacons (repeatable; * for any)
  --retention-days <n>   days of data to keep (default 30)
  --trust-proxy          rate-limit by X-Forwarded-For (only behind a proxy that sets it)
  --rate-limit <r/b>     beacons per second per client, and burst (default 10/60; off to disable)
  --synchronous <mode>   full (default: a 202 survives power loss) or normal (survives a crash)
  -h, --help             show this help
`;

function fail(message: string): never {
  process.stderr.write(`tokenpaint-collector: ${message}\n\n${HELP}`);
  process.exit(2);
}

let values: {
  port?: string;
  host?: string;
  db?: string;
  'allow-origin'?: string[];
  'retention-days'?: string;
  'trust-proxy'?: boolean;
  'rate-limit'?: string;
  synchronous?: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'retention-days': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      synchronous: { type: 'string' },
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

const port = Number(values.port ?? '8788');
if (!/^\d+$/.test(values.port ?? '8788') || port > 65_535)
  fail(`--port must be an integer 0..65535, got "${values.port}"`);
const retentionDays = Number(values['retention-days'] ?? '30');
if (!(retentionDays > 0))
  fail(`--retention-days must be a positive number, got "${values['retention-days']}"`);

const rateLimitArg = values['rate-limit'] ?? '10/60';
const rateMatch = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(rateLimitArg);
if (rateLimitArg !== 'off' && rateMatch === null)
  fail(`--rate-limit must be <per second>/<burst> (e.g. 10/60) or off, got "${rateLimitArg}"`);
const rateLimit =
  rateMatch === null ? false : { perSecond: Number(rateMatch[1]), burst: Number(rateMatch[2]) };
const synchronous = values.synchronous ?? 'full';
if (synchronous !== 'full' && synchronous !== 'normal')
  fail(`--synchronous must be full or normal, got "${synchronous}"`);

const server = await listen({
  port,
  host: values.host ?? '127.0.0.1',
  db: values.db ?? './beacons.db',
  allowedOrigins: values['allow-origin'] ?? [],
  retentionDays,
  trustProxy: values['trust-proxy'] === true,
  rateLimit,
  synchronous,
});
process.stdout.write(
  [
    `tokenpaint-collector listening on ${server.url}`,
    `  POST ${server.url}/v1/beacon   beacons (text/plain or application/json)`,
    `  GET  ${server.url}/v1/stats?metric=ttfp_ms&group_by=model`,
    `  GET  ${server.url}/metrics     Prometheus exposition`,
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
