import { describe, expect, it } from 'vitest';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import { MalformedEventError, ProviderError } from '../protocols/errors.ts';
import { createOpenAIChatAdapter } from '../protocols/openai-chat.ts';
import { pushSafely } from './push-safely.ts';

const throwing = (error: unknown): ProtocolAdapter =>
  ({
    ...createOpenAIChatAdapter(),
    push: () => {
      throw error;
    },
  }) as ProtocolAdapter;

describe('pushSafely', () => {
  it('turns anything an adapter throws that is not a StreamError into a MalformedEventError carrying the event', () => {
    const message = { event: 'message', data: '{"choices":[{"delta":{"x":null}}]}' };
    const caught = (() => {
      try {
        pushSafely(throwing(new TypeError("Cannot read properties of null (reading 'id')")), message);
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(MalformedEventError);
    expect((caught as MalformedEventError).event).toBe('message');
    expect((caught as MalformedEventError).dataExcerpt).toContain('"choices"');
    expect((caught as Error).cause).toBeInstanceOf(TypeError);
  });

  it("lets an adapter's own typed errors through unchanged", () => {
    const provider = new ProviderError('Overloaded', 'overloaded_error');
    expect(() => pushSafely(throwing(provider), { event: 'message', data: '{}' })).toThrow(provider);
  });

  it('skips tool-call entries that are not objects, and tool_calls that are not an array', () => {
    const adapter = createOpenAIChatAdapter();
    for (const toolCalls of ['[null]', '7', '[1, "x"]'])
      expect(
        pushSafely(adapter, {
          event: 'message',
          data: `{"id":"c","choices":[{"delta":{"tool_calls":${toolCalls}}}]}`,
        }).filter((part) => part.type.startsWith('tool-call')),
      ).toEqual([]);
  });
});
