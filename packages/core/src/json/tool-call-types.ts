/**
 * The public shape of one assembled tool call, beside the assembler that builds
 * it (the run's snapshot lists them; the JSON layer owns what they are).
 */
/** Lifecycle of one tool call. */
export type ToolCallState = 'streaming-args' | 'args-complete' | 'result';

/** One tool call as seen at one snapshot. Immutable; unchanged calls keep their identity. */
export interface ToolCallSnapshot {
  readonly id: string;
  readonly name: string;
  /** The raw argument text received so far. */
  readonly argsText: string;
  /** The live partial value of the arguments (structurally shared between snapshots). */
  readonly args: unknown;
  readonly state: ToolCallState;
  /**
   * Every argument path whose value completed so far, as `pathKey` strings
   * (`["items",3,"title"]`), cumulative: a reader that skipped snapshots misses
   * nothing. Structurally shared: a snapshot's set is a prefix of one growing
   * log, so building it costs O(1) whatever the number of paths.
   */
  readonly completedPaths: ReadonlySet<string>;
  readonly result?: unknown;
  /** `true` when the tool reported `result` as a failure (`ToolResultPart.isError`). */
  readonly isError?: boolean;
  /** Set when the complete arguments are not valid JSON or fail the schema. */
  readonly error?: Error;
  /**
   * The provider runs this tool itself (web search, file search, code execution,
   * image generation, MCP calls): the app has nothing to run, only to show it.
   */
  readonly providerExecuted?: true;
}
