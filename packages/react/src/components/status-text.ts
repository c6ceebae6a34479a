/**
 * Words for each status: the visible status line and the screen-reader
 * announcement. Pure functions, so a custom `Status` part can reuse them.
 */
import type { StreamSnapshot, StreamStatus } from '@tokenpaint/core';

/** Statuses during which the run may still produce output (Stop is offered). */
export const RUNNING_STATUSES: ReadonlySet<StreamStatus> = new Set([
  'connecting',
  'waiting',
  'streaming',
  'tool-running',
  'stalled',
  'retrying',
]);

/** True while the run may still produce output. */
export function isRunning(status: StreamStatus): boolean {
  return RUNNING_STATUSES.has(status);
}

/** The tool whose result the run is waiting for (the last call without a result). */
export function runningToolName(snapshot: StreamSnapshot): string | undefined {
  for (let i = snapshot.toolCalls.length - 1; i >= 0; i--) {
    const call = snapshot.toolCalls[i];
    if (call && call.state !== 'result') return call.name;
  }
  return snapshot.toolCalls.at(-1)?.name;
}

/** The short visible label of a status (without timers). */
export function statusLabel(snapshot: StreamSnapshot): string {
  switch (snapshot.status) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return 'Thinking…';
    case 'streaming':
      return 'Responding…';
    case 'tool-running': {
      const name = runningToolName(snapshot);
      return name ? `Running ${name}…` : 'Running a tool…';
    }
    case 'stalled':
      return 'Connection stalled, waiting…';
    case 'retrying':
      return `Retrying${snapshot.retry ? ` (attempt ${snapshot.retry.attempt})` : ''}…`;
    case 'done':
      return 'Done';
    case 'error':
      return `Error: ${snapshot.error?.message ?? 'the response failed'}`;
    case 'aborted':
      return 'Stopped';
  }
}

/**
 * What a screen reader hears when the status changes. `streaming` says nothing
 * (the text region speaks for itself), the rest say what happened.
 */
export function statusAnnouncement(snapshot: StreamSnapshot): string {
  switch (snapshot.status) {
    case 'streaming':
      return '';
    case 'done':
      return 'Response complete';
    case 'aborted':
      return 'Response stopped';
    case 'retrying':
      return `Connection failed, retrying${snapshot.retry ? ` (attempt ${snapshot.retry.attempt})` : ''}`;
    default:
      return statusLabel(snapshot).replace(/…$/, '');
  }
}
