/**
 * Assembles parallel tool calls from the normalized `tool-call-*` parts: each
 * call's raw argument text, its live partial arguments (an incremental parser
 * per call, so a delta costs what it carries) and its lifecycle. Snapshots are
 * lazy and structurally shared: a call that did not change keeps its identity,
 * and so does the list when no call changed.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ToolCallPart } from '../protocols/parts.ts';
import { Allow, type AllowFlags } from './allow.ts';
import { type CompletedPathLog, createCompletedPathLog } from './completed-path-log.ts';
import { ToolCallValidationError } from './errors.ts';
import { createPartialJSON } from './partial-json.ts';
import type { ToolCallSnapshot, ToolCallState } from './tool-call-types.ts';
import type { PartialJSON } from './types.ts';

/** Options of {@link createToolCallAssembler}. */
export interface ToolCallAssemblerOptions {
  /** Schemas (any Standard Schema implementation, e.g. zod 4) by tool name; complete arguments are validated against them. */
  readonly schemas?: Readonly<Record<string, StandardSchemaV1>>;
  /** Which partial values the live `args` may show ({@link Allow}); default `Allow.ALL`. */
  readonly allow?: AllowFlags;
  /** Called when an asynchronous schema validation settles, since that changes `calls` outside `push`. */
  readonly onChange?: () => void;
}

/** Tool calls being assembled from a stream. */
export interface ToolCallAssembler {
  /** Applies one part. Never throws on bad arguments: they become the call's `error`. */
  push(part: ToolCallPart): void;
  /** The calls in order of first appearance; computed on read, the same array until something changed. */
  readonly calls: readonly ToolCallSnapshot[];
  /** Forgets every call. */
  reset(): void;
  /** Forgets every call after the first `count` (an AI SDK `reset-step` discards the calls its step began). */
  keepFirst(count: number): void;
}

interface Call {
  readonly id: string;
  name: string;
  argsText: string;
  readonly parser: PartialJSON;
  state: ToolCallState;
  result?: unknown;
  isError?: boolean;
  error?: Error;
  providerExecuted?: true;
  readonly completed: CompletedPathLog;
  snapshot: ToolCallSnapshot | undefined;
}

/**
 * Creates a tool-call assembler. Arguments become final (`args-complete`,
 * validated) only on the provider's `tool-call-end` (or a `tool-result`): a
 * prefix that happens to parse as complete JSON is not a finished call.
 *
 * @example
 * const tools = createToolCallAssembler({ schemas: { search: z.object({ q: z.string() }) } });
 * tools.push({ type: 'tool-call-start', id: 'c1', name: 'search' });
 * tools.push({ type: 'tool-call-delta', id: 'c1', argsDelta: '{"q": "pa' });
 * tools.calls[0]?.args; // { q: "pa" }
 */
export function createToolCallAssembler(options: ToolCallAssemblerOptions = {}): ToolCallAssembler {
  const allow = options.allow ?? Allow.ALL;
  let calls = new Map<string, Call>();
  let list: readonly ToolCallSnapshot[] = Object.freeze([]);
  let stale = false;

  function touch(call: Call): void {
    call.snapshot = undefined;
    stale = true;
  }

  // Parts for an unknown id (a stream joined mid-call, or a provider-executed
  // tool that only reports its result) open the call rather than being dropped.
  function openCall(id: string, name: string): Call {
    const parser = createPartialJSON({ allow });
    const call: Call = {
      id,
      name,
      argsText: '',
      parser,
      state: 'streaming-args',
      completed: createCompletedPathLog(),
      snapshot: undefined,
    };
    calls.set(id, call);
    stale = true;
    return call;
  }

  function finishArgs(call: Call): void {
    call.state = 'args-complete';
    if (call.error !== undefined) return;
    // No argument text at all is a tool without parameters (some OpenAI-compatible
    // servers send "" where OpenAI sends "{}"): its arguments are the empty object.
    if (call.argsText.trim() === '') call.parser.push('{}');
    try {
      call.parser.end();
    } catch (error) {
      call.error = error as Error;
      return;
    }
    validate(call);
  }

  function schemaFor(name: string): StandardSchemaV1 | undefined {
    const schemas = options.schemas;
    // Own names only: a tool called "constructor" must not find Object.prototype's.
    return schemas !== undefined && Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  }

  function validate(call: Call): void {
    const schema = schemaFor(call.name);
    if (schema === undefined) return;
    const apply = (outcome: StandardSchemaV1.Result<unknown>): void => {
      if (outcome.issues !== undefined)
        call.error = new ToolCallValidationError(call.id, call.name, outcome.issues);
    };
    let outcome: StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>>;
    try {
      outcome = schema['~standard'].validate(call.parser.value);
    } catch (error) {
      call.error = error instanceof Error ? error : new Error(String(error));
      return;
    }
    // Any thenable is awaited, not only this realm's Promise (a schema library
    // loaded in another realm, or one with its own promise type).
    if (!isThenable(outcome)) {
      apply(outcome);
      return;
    }
    const parser = call.parser;
    Promise.resolve(outcome)
      .then(apply, (error: unknown) => {
        call.error = error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        if (calls.get(call.id)?.parser !== parser) return; // reset since
        touch(call);
        options.onChange?.();
      });
  }

  function push(part: ToolCallPart): void {
    const known = calls.get(part.id);
    const call = known ?? openCall(part.id, part.type === 'tool-call-start' ? part.name : '');
    if (
      (part.type === 'tool-call-start' || part.type === 'tool-result') &&
      part.providerExecuted &&
      !call.providerExecuted
    ) {
      call.providerExecuted = true;
      touch(call);
    }
    switch (part.type) {
      case 'tool-call-start':
        if (known !== undefined) {
          if (known.name !== '') return; // a repeated start changes nothing
          known.name = part.name; // opened by an earlier part, before its name was known
          // Its arguments may already be final: validate them now that the tool is known.
          if (known.state !== 'streaming-args' && known.error === undefined && known.parser.done)
            validate(known);
        }
        break;
      case 'tool-call-delta':
        if (call.state !== 'streaming-args' || part.argsDelta === '') return; // arguments are final
        call.argsText += part.argsDelta;
        if (call.error === undefined) {
          try {
            call.parser.push(part.argsDelta);
          } catch (error) {
            call.error = error as Error; // PartialJSONSyntaxError; args keep the last good value
          }
        }
        break;
      case 'tool-call-end':
        if (call.state !== 'streaming-args') return;
        finishArgs(call);
        break;
      case 'tool-result':
        // A provider-executed tool may report only its result: no arguments were
        // seen, and none are made up.
        if (call.state === 'streaming-args' && call.argsText !== '') finishArgs(call);
        call.state = 'result';
        call.result = part.result;
        if (part.isError === undefined) delete call.isError;
        else call.isError = part.isError;
        break;
    }
    touch(call);
  }

  function snapshotOf(call: Call): ToolCallSnapshot {
    if (call.snapshot !== undefined) return call.snapshot;
    call.completed.add(call.parser.takeCompletedPaths());
    const snapshot: { -readonly [K in keyof ToolCallSnapshot]: ToolCallSnapshot[K] } = {
      id: call.id,
      name: call.name,
      argsText: call.argsText,
      args: call.parser.value,
      state: call.state,
      completedPaths: call.completed.view(),
    };
    if (call.state === 'result') snapshot.result = call.result;
    if (call.isError !== undefined) snapshot.isError = call.isError;
    if (call.error !== undefined) snapshot.error = call.error;
    if (call.providerExecuted) snapshot.providerExecuted = true;
    call.snapshot = Object.freeze(snapshot);
    return call.snapshot;
  }

  return {
    push,
    get calls() {
      if (stale) {
        list = Object.freeze(Array.from(calls.values(), snapshotOf));
        stale = false;
      }
      return list;
    },
    reset() {
      calls = new Map();
      list = Object.freeze([]);
      stale = false;
    },
    keepFirst(count) {
      if (calls.size <= count) return;
      // A pending validation of a forgotten call finds another parser (or none) under its id and is dropped.
      calls = new Map(Array.from(calls).slice(0, Math.max(0, count)));
      stale = true;
    },
  };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
