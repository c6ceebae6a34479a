import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The dashboard's files: its own (next to `src/` and `dist/`), and uPlot's build. */
const FILES: Record<string, { path: () => string; type: string }> = {
  '': { path: () => own('index.html'), type: 'text/html; charset=utf-8' },
  'dashboard/app.js': { path: () => own('app.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard/style.css': { path: () => own('style.css'), type: 'text/css; charset=utf-8' },
  'dashboard/uplot.js': {
    path: () => require.resolve('uplot/dist/uPlot.iife.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'dashboard/uplot.css': {
    path: () => require.resolve('uplot/dist/uPlot.min.css'),
    type: 'text/css; charset=utf-8',
  },
};

function own(name: string): string {
  return fileURLToPath(new URL(`../../dashboard/${name}`, import.meta.url));
}

// Scripts and data from this origin only. Tag values in the data come from
// whoever can send beacons, so the page writes them as text, never as HTML, and
// this policy stops any script that slipped through anyway. uPlot sets styles
// on its elements, hence 'unsafe-inline' for styles (and only styles).
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const cache = new Map<string, Uint8Array>();

/** The dashboard file at `path` (relative to the collector's base path), or undefined. */
export function dashboardFile(path: string): Response | undefined {
  const file = FILES[path];
  if (file === undefined) return undefined;
  let body = cache.get(path);
  if (body === undefined) {
    body = readFileSync(file.path());
    cache.set(path, body);
  }
  return new Response(body as BodyInit, {
    status: 200,
    headers: {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
