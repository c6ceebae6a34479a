/**
 * Wire fixtures hand-written from each provider's streaming documentation, gathered
 * for tests (`import * as fx`). Test-only; the per-provider files hold the data.
 */
export { ANTHROPIC_ERROR, ANTHROPIC_TEXT, ANTHROPIC_THINKING_TOOL } from './test-fixtures-anthropic.ts';
export {
  OPENAI_CHAT_ERROR,
  OPENAI_CHAT_PARALLEL_TOOLS,
  OPENAI_CHAT_TEXT,
  OPENAI_RESPONSES,
  OPENAI_RESPONSES_INCOMPLETE,
} from './test-fixtures-openai.ts';

import { sse } from './test-sse-body.ts';

/** AI SDK UI message stream v1: the documented text + tool input/output sequence. */
export const AI_SDK_STREAM = sse([
  [undefined, { type: 'start', messageId: 'msg_abc' }],
  [undefined, { type: 'start-step' }],
  [undefined, { type: 'reasoning-start', id: 'r_1' }],
  [undefined, { type: 'reasoning-delta', id: 'r_1', delta: 'Think.' }],
  [undefined, { type: 'reasoning-end', id: 'r_1' }],
  [undefined, { type: 'text-start', id: 't_1' }],
  [undefined, { type: 'text-delta', id: 't_1', delta: 'Let me ' }],
  [undefined, { type: 'text-delta', id: 't_1', delta: 'check.' }],
  [undefined, { type: 'text-end', id: 't_1' }],
  [undefined, { type: 'tool-input-start', toolCallId: 'call_fJdQ', toolName: 'getWeatherInformation' }],
  [undefined, { type: 'tool-input-delta', toolCallId: 'call_fJdQ', inputTextDelta: '{"city":"San ' }],
  [undefined, { type: 'tool-input-delta', toolCallId: 'call_fJdQ', inputTextDelta: 'Francisco"}' }],
  [
    undefined,
    {
      type: 'tool-input-available',
      toolCallId: 'call_fJdQ',
      toolName: 'getWeatherInformation',
      input: { city: 'San Francisco' },
    },
  ],
  [undefined, { type: 'tool-output-available', toolCallId: 'call_fJdQ', output: { weather: 'sunny' } }],
  [undefined, { type: 'finish-step' }],
  [undefined, { type: 'finish', finishReason: 'stop' }],
  [undefined, '[DONE]'],
]);
