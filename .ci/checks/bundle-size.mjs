// What tokenpaint costs a page, against the AI SDK's useChat: each entry below
// bundled for the browser by Vite (production, minified, React left out as the
// app's own), printed in KB minified and min+gzip. Fails when a bundle grows
// past its budget: the budgets are today's sizes plus a small margin, so growth
// is a decision made here, in review, not an accident.
//
//   node .ci/checks/bundle-size.mjs
//
// The packages are read from source (`@tokenpaint/source`), as the apps build them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = new URL('../..', import.meta.url).pathname;
const REACT = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];

/** Replaces the Markdown renderer with nothing, to price it. */
const withoutMarkdown = {
  name: 'tokenpaint-without-markdown',
  enforce: 'pre',
  resolveId(source) {
    return source.endsWith('/markdown/streaming-markdown.tsx') ? '\0no-markdown' : undefined;
  },
  load(id) {
    return id === '\0no-markdown' ? 'export function StreamingMarkdown() { return null; }' : undefined;
  },
};

// `budget`: KB min+gzip this bundle may not exceed.
const ENTRIES = [
  {
    name: '@tokenpaint/core, every export',
    from: 'apps/demo',
    code: "export * from '@tokenpaint/core';",
    budget: 47,
  },
  {
    name: '<StreamingMessage> + useStream (Markdown included)',
    from: 'apps/demo',
    code: "export { StreamingMessage, useStream } from '@tokenpaint/react';",
    budget: 45,
  },
  {
    name: '<StreamingMessage> + useStream, without the Markdown renderer',
    from: 'apps/demo',
    code: "export { StreamingMessage, useStream } from '@tokenpaint/react';",
    plugins: [withoutMarkdown],
    budget: 26,
  },
  {
    name: '@tokenpaint/react, every export',
    from: 'apps/demo',
    code: "export * from '@tokenpaint/react';",
    // <Transcript> brings @tanstack/react-virtual: about 10 KB of this.
    budget: 67,
  },
  {
    name: 'AI SDK: useChat + DefaultChatTransport (reference)',
    from: 'apps/bench',
    code: "export { useChat } from '@ai-sdk/react'; export { DefaultChatTransport } from 'ai';",
  },
];

async function measure(entry) {
  // Inside the app's node_modules, so the app's dependencies resolve; never committed.
  const dir = join(root, entry.from, 'node_modules', '.tokenpaint-size');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'entry.js');
  writeFileSync(file, `${entry.code}\n`);
  try {
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root: dir,
      plugins: entry.plugins ?? [],
      define: { 'process.env.NODE_ENV': '"production"' },
      resolve: { conditions: ['@tokenpaint/source', 'browser', 'module', 'import', 'default'] },
      build: {
        write: false,
        minify: true,
        // An app build, not lib mode: lib mode keeps the whitespace of an `es` bundle.
        rolldownOptions: {
          input: file,
          preserveEntrySignatures: 'exports-only',
          external: (id) => REACT.includes(id),
        },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    const code = outputs
      .filter((o) => o.type === 'chunk')
      .map((o) => o.code)
      .join('\n');
    return { min: Buffer.byteLength(code) / 1024, gzip: gzipSync(code, { level: 9 }).length / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let failed = 0;
const rows = [];
for (const entry of ENTRIES) {
  const size = await measure(entry);
  const over = entry.budget !== undefined && size.gzip > entry.budget;
  if (over) failed++;
  rows.push(
    `${entry.name.padEnd(64)} ${size.min.toFixed(1).padStart(7)} KB min ${size.gzip.toFixed(2).padStart(7)} KB gzip` +
      (entry.budget === undefined ? '' : `  (budget ${entry.budget} KB${over ? ': OVER' : ''})`),
  );
}
console.log('bundle sizes (Vite production build, minified, React external; gzip -9):');
for (const row of rows) console.log(`  ${row}`);
console.log(
  `bundle size: ${ENTRIES.filter((e) => e.budget !== undefined).length - failed} passed, ${failed} failed`,
);
process.exit(failed === 0 ? 0 : 1);
