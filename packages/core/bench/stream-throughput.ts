/**
 * Throughput of the stream pipeline on a 10 MB OpenAI Chat Completions stream:
 * SSE bytes in, normalized parts out, beside eventsource-parser alone in the same
 * run, so the cost of everything we add (transport, JSON, adapter, run state) shows
 * as a ratio. Run: `pnpm --filter @tokenpaint/core bench`
 * (or `node --conditions=@tokenpaint/source packages/core/bench/stream-throughput.ts`).
 */
import { createParser } from 'eventsource-parser';
import { createOpenAIChatAdapter, startStream, streamSSE } from '../src/index.ts';

const TARGET_BYTES = 10 * 1024 * 1024;
/** Bytes per body read: what a fast network hands `read()` (browsers see 16-64 KB). */
const CHUNK_BYTES = 16 * 1024;
const ROUNDS = 5;
const WORDS = [
  'The',
  ' quick',
  ' brown',
  ' fox',
  ' jumps',
  ' over',
  ' the',
  ' lazy',
  ' dog',
  '.',
  ' É',
  'té',
  ' 🦊',
  '\n\n',
];

function buildStream(): { chunks: Uint8Array[]; bytes: number; events: number } {
  const parts: string[] = [];
  let size = 0;
  let events = 0;
  const line = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  parts.push(line({ role: 'assistant', content: '' }));
  while (size < TARGET_BYTES) {
    const event = line({ content: WORDS[events % WORDS.length] });
    parts.push(event);
    size += event.length;
    events++;
  }
  parts.push(line({}, 'stop'), 'data: [DONE]\n\n');
  const bytes = new TextEncoder().encode(parts.join(''));
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(bytes.subarray(i, i + CHUNK_BYTES));
  return { chunks, bytes: bytes.length, events: events + 3 };
}

const { chunks, bytes, events } = buildStream();

const fetchStream: typeof fetch = async () => {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
};

/** eventsource-parser alone: decode and parse, count events. */
async function parserOnly(): Promise<number> {
  let count = 0;
  const parser = createParser({ onEvent: () => count++ });
  const decoder = new TextDecoder();
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return count;
}

/** eventsource-parser plus `JSON.parse` of each event: the work no adapter can avoid. */
async function parserAndJSON(): Promise<number> {
  let count = 0;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data !== '[DONE]') JSON.parse(event.data);
      count++;
    },
  });
  const decoder = new TextDecoder();
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return count;
}

/** streamSSE over a fetch Response (transport, stall watchdog) into the openai-chat adapter. */
async function sseAndAdapter(): Promise<number> {
  const adapter = createOpenAIChatAdapter();
  let parts = 0;
  for await (const message of streamSSE('http://bench/', {
    fetch: fetchStream,
    isComplete: () => adapter.done,
  })) {
    parts += adapter.push(message).length;
    if (adapter.done) break;
  }
  return parts;
}

/** The whole run: startStream with a listener, as the React layer uses it. */
async function fullRun(): Promise<number> {
  let parts = 0;
  const run = startStream({ url: 'http://bench/', fetch: fetchStream, protocol: 'auto' });
  run.subscribe(() => parts++);
  const final = await run.done;
  if (final.status !== 'done') throw final.error;
  return parts;
}

async function measure(
  name: string,
  task: () => Promise<number>,
): Promise<{ name: string; ms: number; items: number }> {
  await task(); // warm-up (JIT)
  const times: number[] = [];
  let items = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    items = await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, ms: times[Math.floor(ROUNDS / 2)]!, items };
}

const results = [
  await measure('eventsource-parser alone (events)', parserOnly),
  await measure('eventsource-parser + JSON.parse (events)', parserAndJSON),
  await measure('streamSSE + openai-chat adapter (parts)', sseAndAdapter),
  await measure('startStream, full run (notifications)', fullRun),
];

const mb = bytes / 1024 / 1024;
console.log(
  `Stream: ${mb.toFixed(1)} MB, ${events} events, ${chunks.length} reads of ${CHUNK_BYTES / 1024} KB; median of ${ROUNDS} rounds\n`,
);
const [parserAlone, withJSON] = results as [(typeof results)[0], (typeof results)[0]];
console.log(
  `${''.padEnd(44)} ${'median'.padStart(9)}  ${'items/s'.padStart(7)}  ${'MB/s'.padStart(4)}  vs parser  vs parser+JSON`,
);
for (const r of results) {
  const perSecond = (r.items / r.ms) * 1000;
  console.log(
    `${r.name.padEnd(44)} ${`${r.ms.toFixed(0)} ms`.padStart(9)}  ${`${(perSecond / 1e6).toFixed(2)} M`.padStart(7)}  ${(mb / (r.ms / 1000)).toFixed(0).padStart(4)}  ${`×${(r.ms / parserAlone.ms).toFixed(2)}`.padStart(9)}  ${`×${(r.ms / withJSON.ms).toFixed(2)}`.padStart(13)}`,
  );
}
