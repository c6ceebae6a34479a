import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../mock-fetch.ts';
import { SCRIPTS, type ScriptName } from '../scripts/registry.ts';
import { post } from '../test-helpers.ts';

async function finalMessage(script: ScriptName): Promise<UIMessage> {
  const transport = new DefaultChatTransport<UIMessage>({
    api: `http://mock-llm.local/api/chat?preset=instant&script=${script}`,
    fetch: createMockFetch(),
  });
  // The transport parses the SSE body against the ai package's uiMessageChunkSchema
  // and throws on any chunk that does not match it.
  const chunks = await transport.sendMessages({
    chatId: 'chat-1',
    messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: undefined,
  });
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream<UIMessage>({ stream: chunks, terminateOnError: true })) {
    last = message;
  }
  if (last === undefined) throw new Error('no UI message was produced');
  return last;
}

describe('AI SDK UI message stream through DefaultChatTransport + readUIMessageStream', () => {
  it('serves the v1 protocol header and ends with [DONE]', async () => {
    const response = await createMockFetch()('/api/chat?preset=instant', post({ messages: [] }));
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await response.text()).endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('builds a message whose text part equals the script', async () => {
    const message = await finalMessage('markdown');
    expect(message.parts.filter((part) => part.type === 'text')).toEqual([
      expect.objectContaining({ text: SCRIPTS.markdown.text, state: 'done' }),
    ]);
  });

  it('builds reasoning and text parts for the reasoning script', async () => {
    const message = await finalMessage('reasoning');
    const reasoning = message.parts.find((part) => part.type === 'reasoning');
    const text = message.parts.find((part) => part.type === 'text');
    expect(reasoning?.type === 'reasoning' && reasoning.text).toBe(SCRIPTS.reasoning.reasoning);
    expect(text?.type === 'text' && text.text).toBe(SCRIPTS.reasoning.text);
  });

  it('builds one tool part per parallel call with the parsed input', async () => {
    const message = await finalMessage('parallel-tools');
    const tools = message.parts.filter((part) => part.type.startsWith('tool-'));
    const expected = SCRIPTS['parallel-tools'].toolCalls;
    expect(tools.map((part) => part.type)).toEqual(expected.map((call) => `tool-${call.name}`));
    for (const [index, part] of tools.entries()) {
      expect(part).toMatchObject({
        toolCallId: `call_${expected[index]!.id}`,
        state: 'input-available',
        input: JSON.parse(expected[index]!.arguments),
      });
    }
  });
});
