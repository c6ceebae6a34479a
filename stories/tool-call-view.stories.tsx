/**
 * `<ToolCallView>` on its own: hand-made snapshots for each state, and a live call
 * driven by a run through `useToolCall` (the way a custom message layout uses it).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { parsePartialJSON } from '@tokenpaint/core';
import { SCRIPTS } from '@tokenpaint/mock-llm';
import {
  StreamingMessage,
  type StreamRun,
  startStream,
  type ToolCallSnapshot,
  ToolCallValidationError,
  ToolCallView,
  useStreamSelector,
  useToolCall,
} from '@tokenpaint/react';
import { type ReactNode, useEffect, useState } from 'react';
import { mockFetch, mockRequest } from './support/mock-request.ts';
import {
  AI_SDK_PROVIDER_EXECUTED,
  ANTHROPIC_SERVER_TOOLS,
  RESPONSES_BUILT_INS,
  timedFetch,
} from './support/provider-tool-streams.ts';

const WEATHER = SCRIPTS['parallel-tools'].toolCalls[0]!;

/** A snapshot as the core would publish it, with the arguments parsed from `argsText`. */
function snapshot(argsText: string, fields: Partial<ToolCallSnapshot> = {}): ToolCallSnapshot {
  return {
    id: WEATHER.id,
    name: WEATHER.name,
    argsText,
    args: parsePartialJSON(argsText),
    state: 'streaming-args',
    completedPaths: new Set(),
    ...fields,
  };
}

const meta = {
  title: 'ToolCallView',
  component: ToolCallView,
} satisfies Meta<typeof ToolCallView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Arguments mid-stream: the last field is still growing and carries the caret. */
export const StreamingArguments: Story = {
  args: { call: snapshot(WEATHER.arguments.slice(0, Math.floor(WEATHER.arguments.length * 0.6))) },
};

/** Complete arguments, waiting for the tool: no caret anywhere. */
export const ArgumentsComplete: Story = {
  args: { call: snapshot(WEATHER.arguments, { state: 'args-complete' }) },
};

/** The tool answered: its result under the arguments. */
export const WithResult: Story = {
  args: {
    call: snapshot(WEATHER.arguments, {
      state: 'result',
      result: { temperatureC: 14, conditions: 'light rain', observedAt: '2026-11-23T10:00:00Z' },
    }),
  },
};

/** The complete arguments failed the tool's schema: the error is announced (`role="alert"`). */
export const ValidationError: Story = {
  args: {
    call: snapshot(WEATHER.arguments, {
      state: 'args-complete',
      error: new ToolCallValidationError(WEATHER.id, WEATHER.name, [
        { message: 'expected at most 3 days', path: ['days'] },
      ]),
    }),
  },
};

/** Follows the first tool call of a run; renders nothing until the run announces one. */
function LiveToolCall({ run }: { readonly run: StreamRun }): ReactNode {
  const id = useStreamSelector(run, (s) => s.toolCalls[0]?.id);
  return id ? <FollowedCall run={run} id={id} /> : <p>Waiting for the model to call a tool…</p>;
}

function FollowedCall({ run, id }: { readonly run: StreamRun; readonly id: string }): ReactNode {
  const { call } = useToolCall(run, id);
  return call ? <ToolCallView call={call} /> : null;
}

/** Starts the mock's 36 KB `tool-call` script and aborts it on unmount. */
function LiveLargeArguments(): ReactNode {
  const [run, setRun] = useState<StreamRun | null>(null);
  useEffect(() => {
    const request = mockRequest({
      protocol: 'anthropic',
      preset: 'fast',
      script: 'tool-call',
      overrides: { tps: 400 },
    });
    const started = startStream({ ...request, fetch: mockFetch });
    setRun(started);
    return () => started.abort();
  }, []);
  return run ? <LiveToolCall run={run} /> : null;
}

/** A live call with ~36 KB of nested arguments, streamed from the mock at 400 tokens/s. */
export const Live: StoryObj = {
  render: () => <LiveLargeArguments />,
};

/** A tool the provider runs itself (here a web search): marked, with nothing for the app to answer. */
export const ProviderRun: Story = {
  args: {
    call: {
      id: 'ws_1',
      name: 'web_search',
      argsText: '{"query": "Tokyo weather"}',
      args: { query: 'Tokyo weather' },
      state: 'args-complete',
      completedPaths: new Set(['["query"]']),
      providerExecuted: true,
    },
  },
};

/** A whole answer whose tools the provider runs, from one format's wire events, an event every `gapMs`. */
function ProviderToolAnswer({
  events,
  protocol,
}: {
  readonly events: readonly string[];
  readonly protocol: 'openai-responses' | 'anthropic' | 'ai-sdk';
}): ReactNode {
  const [run, setRun] = useState<StreamRun | null>(null);
  useEffect(() => {
    const started = startStream({ url: '/provider-tools', protocol, fetch: timedFetch(events, 400) });
    setRun(started);
    return () => started.abort();
  }, [events, protocol]);
  return run ? <StreamingMessage run={run} /> : null;
}

/** OpenAI Responses built-ins: "Searching the web…", then "Running code…" with the code as it streams, then the answer. */
export const ResponsesBuiltInTools: StoryObj = {
  render: () => <ProviderToolAnswer events={RESPONSES_BUILT_INS} protocol="openai-responses" />,
};

/** Anthropic server tools: a web search and its result block, then an MCP tool whose result is an error. */
export const AnthropicServerTools: StoryObj = {
  render: () => <ProviderToolAnswer events={ANTHROPIC_SERVER_TOOLS} protocol="anthropic" />,
};

/** AI SDK `providerExecuted` tool parts: a web search the model's provider ran. */
export const AISDKProviderExecuted: StoryObj = {
  render: () => <ProviderToolAnswer events={AI_SDK_PROVIDER_EXECUTED} protocol="ai-sdk" />,
};
