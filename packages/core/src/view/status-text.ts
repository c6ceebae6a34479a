/**
 * Words for each status: the visible status line and the screen-reader
 * announcement. Pure functions, so a custom `Status` part can reuse them.
 */

import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { StreamSnapshot } from '../run/types.ts';

/** The last tool call without a result: the one the run is busy with. */
function pendingToolCall(snapshot: StreamSnapshot): ToolCallSnapshot | undefined {
  for (let i = snapshot.toolCalls.length - 1; i >= 0; i--) {
    const call = snapshot.toolCalls[i];
    if (call && call.state !== 'result') return call;
  }
  return snapshot.toolCalls.at(-1);
}

/** The tool whose result the run is waiting for (the last call without a result). */
export function runningToolName(snapshot: StreamSnapshot): string | undefined {
  return pendingToolCall(snapshot)?.name;
}

/**
 * What the provider is doing for a tool it runs itself, in words (these tools'
 * names are the providers'; an MCP tool or another one is named as it is).
 */
const PROVIDER_ACTIVITY: Readonly<Record<string, string>> = {
  web_search: 'Searching the web…',
  web_search_preview: 'Searching the web…',
  web_fetch: 'Reading a web page…',
  file_search: 'Searching files…',
  code_interpreter: 'Running code…',
  code_execution: 'Running code…',
  bash_code_execution: 'Running code…',
  text_editor_code_execution: 'Editing a file…',
  image_generation: 'Generating an image…',
};

function providerActivity(name: string): string {
  return Object.hasOwn(PROVIDER_ACTIVITY, name) ? (PROVIDER_ACTIVITY[name] as string) : `Running ${name}…`;
}

/** The short visible label of a status (without timers). */
export function statusLabel(snapshot: StreamSnapshot): string {
  switch (snapshot.status) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return 'Thinking…';
    case 'streaming':
      // Reasoning streams before the answer: say so, or the user sees nothing move.
      return snapshot.text === '' && snapshot.reasoning !== '' ? 'Reasoning…' : 'Responding…';
    case 'tool-running': {
      const call = pendingToolCall(snapshot);
      if (!call) return 'Running a tool…';
      if (call.providerExecuted) return providerActivity(call.name);
      // While its arguments stream the tool has not started: 'Running' would overclaim.
      return call.state === 'streaming-args' ? `Preparing ${call.name}…` : `Running ${call.name}…`;
    }
    case 'stalled':
      return 'Connection stalled, waiting…';
    case 'retrying':
      return `Retrying${snapshot.retry ? ` (attempt ${snapshot.retry.attempt})` : ''}…`;
    case 'done':
      // The server stopped the generation: the answer is not complete, and says so.
      return snapshot.finishReason === 'aborted' ? 'Stopped by the server' : 'Done';
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
      return snapshot.finishReason === 'aborted' ? 'Response stopped by the server' : 'Response complete';
    case 'aborted':
      return 'Response stopped';
    case 'retrying':
      return `Connection failed, retrying${snapshot.retry ? ` (attempt ${snapshot.retry.attempt})` : ''}`;
    default:
      return statusLabel(snapshot).replace(/…$/, '');
  }
}
