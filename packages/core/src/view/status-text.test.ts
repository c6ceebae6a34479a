import { describe, expect, it } from 'vitest';
import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { StreamSnapshot } from '../run/types.ts';
import { idleSnapshot } from './idle-view.ts';
import { statusAnnouncement, statusLabel } from './status-text.ts';

const call = (name: string, state: ToolCallSnapshot['state']): ToolCallSnapshot => ({
  id: `call-${name}`,
  name,
  argsText: '{}',
  args: {},
  state,
  completedPaths: new Set(),
});

const snapshot = (patch: Partial<StreamSnapshot>): StreamSnapshot => ({ ...idleSnapshot(), ...patch });

describe('statusLabel', () => {
  it('says a tool is being prepared while its arguments stream, and running once they are complete', () => {
    expect(
      statusLabel(snapshot({ status: 'tool-running', toolCalls: [call('search', 'streaming-args')] })),
    ).toBe('Preparing search…');
    expect(
      statusLabel(snapshot({ status: 'tool-running', toolCalls: [call('search', 'args-complete')] })),
    ).toBe('Running search…');
  });

  it('names the call still pending, not the last one to finish', () => {
    const toolCalls = [call('weather', 'args-complete'), call('search', 'result')];
    expect(statusLabel(snapshot({ status: 'tool-running', toolCalls }))).toBe('Running weather…');
  });

  it('says what the provider is doing for a tool it runs itself', () => {
    const provider = (name: string, state: ToolCallSnapshot['state']): ToolCallSnapshot => ({
      ...call(name, state),
      providerExecuted: true,
    });
    const label = (tool: ToolCallSnapshot) =>
      statusLabel(snapshot({ status: 'tool-running', toolCalls: [tool] }));
    expect(label(provider('web_search', 'streaming-args'))).toBe('Searching the web…');
    expect(label(provider('code_interpreter', 'args-complete'))).toBe('Running code…');
    expect(label(provider('image_generation', 'args-complete'))).toBe('Generating an image…');
    expect(label(provider('create_issue', 'streaming-args'))).toBe('Running create_issue…'); // an MCP tool
    expect(label(call('web_search', 'streaming-args'))).toBe('Preparing web_search…'); // the app's own tool
  });

  it('says the model is reasoning while only reasoning has arrived', () => {
    expect(statusLabel(snapshot({ status: 'streaming', reasoning: 'Let me think', text: '' }))).toBe(
      'Reasoning…',
    );
    expect(statusLabel(snapshot({ status: 'streaming', reasoning: 'Let me think', text: 'So' }))).toBe(
      'Responding…',
    );
  });

  it('announces the error message, not the envelope', () => {
    const error = new Error('HTTP 500: Overloaded');
    expect(statusAnnouncement(snapshot({ status: 'error', error }))).toBe('Error: HTTP 500: Overloaded');
  });
});

describe('an answer the server stopped', () => {
  it('is labelled and announced as stopped by the server, not done', () => {
    const stopped = snapshot({ status: 'done', finishReason: 'aborted' });
    expect(statusLabel(stopped)).toBe('Stopped by the server');
    expect(statusAnnouncement(stopped)).toBe('Response stopped by the server');
    expect(statusLabel(snapshot({ status: 'done', finishReason: 'stop' }))).toBe('Done');
  });
});
