// Test-only helpers (excluded from the build by tsconfig.build.json's `src/**/test-*.ts`).
import OpenAI from 'openai';
import { createMockFetch } from './mock-fetch.ts';
import type { MockClock } from './profiles/clock.ts';
import type { ScriptName } from './scripts/registry.ts';

/** One dispatched Server-Sent Event. */
export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/**
 * A small spec-following SSE parser for assertions (LF line endings only, which
 * is all the mock writes). Blocks without `data:` are not dispatched, per spec;
 * their `retry:` values are collected separately.
 */
export function parseSse(text: string): { messages: SseMessage[]; retry: number[] } {
  const messages: SseMessage[] = [];
  const retry: number[] = [];
  for (const block of text.split('\n\n')) {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '') continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') retry.push(Number(value));
    }
    if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
  }
  return { messages, retry };
}

/** One chunk as the reader received it, stamped with the clock's time. */
export interface TimedChunk {
  text: string;
  at: number;
}

/**
 * Reads a body to its end or its error, keeping every chunk with its arrival
 * time, so a test can inspect both what arrived and how it arrived.
 */
export async function readTimed(
  body: ReadableStream<Uint8Array> | null,
  now: () => number = () => performance.now(),
): Promise<{ chunks: TimedChunk[]; text: string; error: unknown }> {
  const chunks: TimedChunk[] = [];
  const decoder = new TextDecoder();
  let error: unknown;
  if (body === null) return { chunks, text: '', error };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push({ text: decoder.decode(value, { stream: true }), at: now() });
    }
  } catch (caught) {
    error = caught;
  }
  return { chunks, text: chunks.map((chunk) => chunk.text).join(''), error };
}

/**
 * A clock whose sleeps return at once and advance its time: the handler's
 * whole schedule plays instantly while every write is stamped with the virtual
 * time it was due.
 */
export function virtualClock(): MockClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) return;
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Body of a POST request with the given JSON. */
export function post(body: object = { stream: true }, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** The official OpenAI client on an in-process mock, answering `script` at once (`instant`). */
export function openAIClient(script: ScriptName): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://mock-llm.local/v1',
    fetch: createMockFetch(),
    maxRetries: 0,
    defaultHeaders: { 'x-mock-preset': 'instant', 'x-mock-script': script },
  });
}
