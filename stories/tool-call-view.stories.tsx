/**
 * `<ToolCallView>` on its own: hand-made snapshots for each state, and a live call
 * driven by a run through `useToolCall` (the way a custom message layout uses it).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { parsePartialJSON } from '@tokenpaint/core';
import { SCRIPTS } from '@tokenpaint/mock-llm';
import {
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
