import { describe, expect, it } from 'vitest';
import { MockConnectionDropError } from './errors.ts';
import { createMockFetch } from './mock-fetch.ts';
import { SCRIPTS } from './scripts/registry.ts';
import { parseSse, post, readTimed, type SseMessage } from './test-helpers.ts';

// The answer text carried by one event, per format.
const textOf: Record<string, (data: Record<string, unknown>) => string> = {
  '/v1/chat/completions': (data) =>
    (data.choices as { delta?: { content?: string } }[] | undefined)?.[0]?.delta?.content ?? '',
  '/v1/responses': (data) => (data.type === 'response.output_text.delta' ? (data.delta as string) : ''),
  '/v1/messages': (data) => (data.delta as { type?: string; text?: string } | undefined)?.text ?? '',
  '/api/chat': (data) => (data.type === 'text-delta' ? (data.delta as string) : ''),
};

function answerText(path: string, messages: SseMessage[]): string {
  return messages
    .filter((message) => message.data !== '[DONE]')
    .map((message) => textOf[path]!(JSON.parse(message.data)))
    .join('');
}

describe('resume with Last-Event-ID', () => {
  it.each(Object.keys(textOf))(
    '%s: drop, reconnect, and the concatenation equals the script',
    async (path) => {
      const mockFetch = createMockFetch();
      const url = `${path}?preset=drop&dropAt=25&resumable=1&ttft=0&tps=inf&script=markdown`;

      const first = await readTimed((await mockFetch(url, post())).body);
      expect(first.error).toBeInstanceOf(MockConnectionDropError);
      const firstEvents = parseSse(first.text);
      expect(firstEvents.retry).toEqual([1000]);
      const lastId = firstEvents.messages.at(-1)!.id!;
      expect((first.error as MockConnectionDropError).lastEventId).toBe(lastId);

      const second = await mockFetch(url, post({ stream: true }, { 'Last-Event-ID': lastId }));
      const rest = await readTimed(second.body);
      expect(rest.error).toBeUndefined();
      const restEvents = parseSse(rest.text).messages;

      const all = [...firstEvents.messages, ...restEvents];
      // Every event has an id and the ids run 0, 1, 2, … with no gap and no repeat.
      expect(all.map((message) => message.id)).toEqual(all.map((_, index) => String(index)));
      expect(answerText(path, all)).toBe(SCRIPTS.markdown.text);
      expect(answerText(path, firstEvents.messages).length).toBeGreaterThan(0);
    },
  );

  it('continues byte-identically: the resumed events are exactly the tail of an uninterrupted response', async () => {
    const mockFetch = createMockFetch();
    const url = '/v1/messages?preset=instant&resumable=1&script=tool-call';
    const whole = parseSse(await (await mockFetch(url, post())).text()).messages;
    const tail = parseSse(
      await (await mockFetch(url, post({ stream: true }, { 'last-event-id': '41' }))).text(),
    );
    expect(tail.messages).toEqual(whole.slice(42));
  });

  it('can resume a drop twice, once per dropped connection point', async () => {
    const mockFetch = createMockFetch();
    const base = '/v1/chat/completions?preset=drop&resumable=1&ttft=0&tps=inf';
    const first = parseSse(
      (await readTimed((await mockFetch(`${base}&dropAt=10`, post())).body)).text,
    ).messages;
    const secondRead = await readTimed(
      (await mockFetch(`${base}&dropAt=60`, post({ stream: true }, { 'last-event-id': first.at(-1)!.id! })))
        .body,
    );
    expect(secondRead.error).toBeInstanceOf(MockConnectionDropError);
    const second = parseSse(secondRead.text).messages;
    const third = parseSse(
      (
        await readTimed(
          (
            await mockFetch(base, post({ stream: true }, { 'last-event-id': second.at(-1)!.id! }))
          ).body,
        )
      ).text,
    ).messages;
    const all = [...first, ...second, ...third];
    expect(all.map((message) => message.id)).toEqual(all.map((_, index) => String(index)));
    expect(answerText('/v1/chat/completions', all)).toBe(SCRIPTS.text.text);
    expect(all.at(-1)!.data).toBe('[DONE]');
  });
});
