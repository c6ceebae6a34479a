'use client';
import { pathKey } from '@tokenpaint/core';
import { memo, type ReactNode, useMemo } from 'react';
import { JSONValueView } from './json-value-view.tsx';
import type { ToolCallProps } from './slots.ts';

const ROOT: readonly (string | number)[] = [];

/**
 * One tool call, live: its name, its arguments as they stream (fields lose their
 * caret as they complete), then its result or error. Memoized on the call's
 * identity, which the core keeps while the call does not change, so a text token
 * does not re-render a tool call.
 *
 * `completed` should come from the view (`useToolCall`, `useStream`), which
 * collects paths from every snapshot; without it, only the paths completed in the
 * current snapshot are known and the structure alone decides (a finished last
 * field may keep its caret until the next one begins).
 */
export const ToolCallView = memo(function ToolCallView({ call, completed }: ToolCallProps): ReactNode {
  const fallback = useMemo(
    () => (completed ? undefined : new Set(call.completedPaths.map(pathKey))),
    [completed, call.completedPaths],
  );
  const streaming = call.state === 'streaming-args';
  return (
    <div data-tp-part="tool-call" data-tp-tool={call.name} data-tp-state={call.state} aria-busy={streaming}>
      <div data-tp-part="tool-name">{call.name}</div>
      <div data-tp-part="tool-args">
        <JSONValueView
          value={call.args}
          path={ROOT}
          streaming={streaming}
          completed={completed ?? fallback}
        />
      </div>
      {call.error && (
        <div data-tp-part="tool-error" role="alert">
          {call.error.message}
        </div>
      )}
      {call.state === 'result' && (
        <div data-tp-part="tool-result">
          <JSONValueView value={call.result} path={ROOT} streaming={false} />
        </div>
      )}
    </div>
  );
});
