import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ToolCallPart } from '../protocols/parts.ts';
import { PartialJSONSyntaxError, ToolCallValidationError } from './errors.ts';
import { createToolCallAssembler } from './tool-call-assembler.ts';

const start = (id: string, name: string): ToolCallPart => ({ type: 'tool-call-start', id, name });
const delta = (id: string, argsDelta: string): ToolCallPart => ({ type: 'tool-call-delta', id, argsDelta });
const end = (id: string): ToolCallPart => ({ type: 'tool-call-end', id });

describe('createToolCallAssembler', () => {
  it('assembles interleaved parallel calls and keeps unchanged calls identical', () => {
    const tools = createToolCallAssembler();
    tools.push(start('a', 'search'));
    tools.push(start('b', 'weather'));
    tools.push(delta('a', '{"q": "pari'));
    tools.push(delta('b', '{"city": "Lyon", "days": [1,'));
    const first = tools.calls;
    expect(first.map((call) => [call.id, call.name, call.state, call.args])).toEqual([
      ['a', 'search', 'streaming-args', { q: 'pari' }],
      ['b', 'weather', 'streaming-args', { city: 'Lyon', days: [1] }],
    ]);
    expect(tools.calls).toBe(first); // nothing pushed: same list

    tools.push(delta('a', 's"}'));
    const second = tools.calls;
    expect(second).not.toBe(first);
    expect(second[1]).toBe(first[1]); // call b did not change
    expect(second[0]?.args).toEqual({ q: 'paris' });
    expect(second[0]?.argsText).toBe('{"q": "paris"}');
    expect([...(second[0]?.completedPaths ?? [])]).toEqual(['["q"]', '[]']);

    tools.push(delta('b', ' 2]}'));
    tools.push(end('b'));
    tools.push(end('a'));
    const third = tools.calls;
    expect(third.map((call) => call.state)).toEqual(['args-complete', 'args-complete']);
    expect(third[1]?.args).toEqual({ city: 'Lyon', days: [1, 2] });
    expect(third[0]?.args).toBe(second[0]?.args); // closed arguments keep their identity
  });

  it('collects completed tool-call paths from snapshots it does not commit', () => {
    // A frame-paced reader reads one snapshot per frame and skips the rest: the
    // paths completed in a skipped snapshot must still be in the one it reads.
    const tools = createToolCallAssembler();
    tools.push(start('t1', 'search'));
    tools.push(delta('t1', '{"q":"a'));
    const before = tools.calls[0]?.completedPaths;
    tools.push(delta('t1', 'b"'));
    void tools.calls; // a snapshot nobody commits: `q` completed in it
    tools.push(delta('t1', ', "n'));
    const read = tools.calls[0]?.completedPaths;
    expect([...(read ?? [])]).toEqual(['["q"]']);
    expect(read?.has('["q"]')).toBe(true);
    expect(read?.has('["n"]')).toBe(false);
    // Structural sharing: the earlier set did not grow, and an unchanged set keeps its identity.
    expect(before?.size).toBe(0);
    tools.push(delta('t1', '": 1'));
    expect(tools.calls[0]?.completedPaths).toBe(read);
  });

  it('does not treat arguments that happen to parse completely as final before tool-call-end', () => {
    const schema = z.object({ q: z.string(), limit: z.number() });
    const tools = createToolCallAssembler({ schemas: { search: schema } });
    tools.push(start('a', 'search'));
    tools.push(delta('a', '{"q": "x"}'));
    expect(tools.calls[0]).toMatchObject({ state: 'streaming-args', args: { q: 'x' } });
    expect(tools.calls[0]?.error).toBeUndefined(); // not validated yet, though `limit` is missing
    tools.push(end('a'));
    expect(tools.calls[0]?.state).toBe('args-complete');
    expect(tools.calls[0]?.error).toBeInstanceOf(ToolCallValidationError);
  });

  it('turns a schema failure into a typed error on that call only', () => {
    const tools = createToolCallAssembler({
      schemas: { book: z.object({ seats: z.number().int().positive() }), noop: z.object({}) },
    });
    tools.push(start('a', 'book'));
    tools.push(start('b', 'noop'));
    tools.push(delta('a', '{"seats": -2}'));
    tools.push(delta('b', '{}'));
    tools.push(end('a'));
    tools.push(end('b'));
    const [bad, good] = tools.calls;
    expect(bad?.error).toBeInstanceOf(ToolCallValidationError);
    expect(bad?.error).toMatchObject({ name: 'ToolCallValidationError', callId: 'a', toolName: 'book' });
    expect(bad?.error).toMatchObject({ issues: [expect.objectContaining({ path: ['seats'] })] });
    expect(bad?.error?.message).toMatch(/"book".*seats/);
    expect(bad?.args).toEqual({ seats: -2 });
    expect(good?.error).toBeUndefined();
  });

  it('turns invalid or truncated JSON into a typed error on that call only', () => {
    const tools = createToolCallAssembler();
    tools.push(start('a', 'x'));
    tools.push(start('b', 'y'));
    tools.push(start('c', 'z'));
    tools.push(delta('a', '{"n": 1,, "m": 2}'));
    tools.push(delta('b', '{"ok": true}'));
    tools.push(delta('c', '{"cut": "off'));
    for (const id of ['a', 'b', 'c']) tools.push(end(id));
    const [a, b, c] = tools.calls;
    expect(a?.error).toBeInstanceOf(PartialJSONSyntaxError);
    expect(a?.error).toMatchObject({ offset: 8, expected: "'\"' (a key)" });
    expect(a?.args).toEqual({ n: 1 });
    expect(a?.argsText).toBe('{"n": 1,, "m": 2}');
    expect(b?.error).toBeUndefined();
    expect(c?.error).toMatchObject({ name: 'PartialJSONSyntaxError', offset: 12, found: undefined });
    expect(c?.args).toEqual({ cut: 'off' });
  });

  it('records results, ignores deltas after the end and opens calls it has not seen start', () => {
    const tools = createToolCallAssembler();
    tools.push(start('a', 'search'));
    tools.push(delta('a', '{"q": "a"}'));
    tools.push(end('a'));
    tools.push(delta('a', 'garbage'));
    tools.push({ type: 'tool-result', id: 'a', result: { hits: 3 } });
    tools.push({ type: 'tool-result', id: 'z', result: 'boom', isError: true });
    expect(tools.calls).toEqual([
      expect.objectContaining({ id: 'a', state: 'result', result: { hits: 3 }, argsText: '{"q": "a"}' }),
      expect.objectContaining({ id: 'z', state: 'result', result: 'boom', isError: true }),
    ]);
    expect(tools.calls[0]?.error).toBeUndefined();
  });

  it('applies asynchronous schema results when they settle', async () => {
    const schema = z.object({ id: z.string() }).refine(async (value) => value.id !== 'taken', 'id is taken');
    const onChange = vi.fn();
    const tools = createToolCallAssembler({ schemas: { create: schema }, onChange });
    tools.push(start('a', 'create'));
    tools.push(delta('a', '{"id": "taken"}'));
    tools.push(end('a'));
    const before = tools.calls[0];
    expect(before?.error).toBeUndefined();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledOnce());
    expect(tools.calls[0]).not.toBe(before);
    expect(tools.calls[0]?.error).toBeInstanceOf(ToolCallValidationError);
    expect(tools.calls[0]?.error?.message).toContain('id is taken');
  });

  it('names a call opened before its start and ignores a repeated start', () => {
    const tools = createToolCallAssembler();
    tools.push(delta('a', '{"x": 1'));
    expect(tools.calls[0]?.name).toBe('');
    tools.push(start('a', 'lookup'));
    const named = tools.calls[0];
    expect(named).toMatchObject({ name: 'lookup', args: { x: 1 } });
    tools.push(start('a', 'other'));
    expect(tools.calls[0]).toBe(named);
  });

  it('starts over on reset()', () => {
    const tools = createToolCallAssembler();
    tools.push(start('a', 'x'));
    expect(tools.calls).toHaveLength(1);
    tools.reset();
    expect(tools.calls).toEqual([]);
  });

  it('reads a call without arguments as {} and a result-only call as having none, without errors', () => {
    const tools = createToolCallAssembler({ schemas: { now: z.object({}) } });
    tools.push(start('a', 'now')); // a tool without parameters: start, then end, no delta
    tools.push(end('a'));
    tools.push(delta('b', '  ')); // whitespace only
    tools.push(end('b'));
    tools.push({ type: 'tool-result', id: 'c', result: { ok: 1 } }); // provider-executed: only its result
    const [a, b, c] = tools.calls;
    expect(a).toMatchObject({ state: 'args-complete', args: {} });
    expect(a?.error).toBeUndefined();
    expect(b).toMatchObject({ state: 'args-complete', args: {} });
    expect(b?.error).toBeUndefined();
    expect(c).toMatchObject({ state: 'result', result: { ok: 1 }, args: undefined });
    expect(c?.error).toBeUndefined();
  });

  it('validates arguments whose start (and so the tool name) arrives after their end', () => {
    const tools = createToolCallAssembler({ schemas: { search: z.object({ q: z.string() }) } });
    tools.push(delta('a', '{"q": 5}'));
    tools.push(end('a'));
    expect(tools.calls[0]?.error).toBeUndefined(); // no name yet, so no schema
    tools.push(start('a', 'search'));
    expect(tools.calls[0]?.error).toBeInstanceOf(ToolCallValidationError);
  });

  it('looks schemas up by own name only: a tool called "constructor" or "toString" has none', () => {
    const tools = createToolCallAssembler({ schemas: { search: z.object({ q: z.string() }) } });
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      tools.push(start(name, name));
      tools.push(delta(name, '{}'));
      tools.push(end(name));
    }
    expect(tools.calls.map((call) => call.error)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('takes isError from each result: a later success clears an earlier failure', () => {
    const tools = createToolCallAssembler();
    tools.push({ type: 'tool-result', id: 'a', result: 'boom', isError: true });
    expect(tools.calls[0]?.isError).toBe(true);
    tools.push({ type: 'tool-result', id: 'a', result: 'ok' });
    expect(tools.calls[0]).toMatchObject({ result: 'ok' });
    expect(tools.calls[0]?.isError).toBeUndefined();
  });

  it('awaits a schema result that is a thenable from elsewhere (another realm, a custom promise)', async () => {
    const issues = [{ message: 'nope' }];
    const thenable: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'test',
        // biome-ignore lint/suspicious/noThenProperty: the point is a thenable that is not a Promise.
        validate: () => ({ then: (resolve: (r: unknown) => void) => resolve({ issues }) }) as never,
      },
    };
    const onChange = vi.fn();
    const tools = createToolCallAssembler({ schemas: { t: thenable }, onChange });
    tools.push(start('a', 't'));
    tools.push(delta('a', '{}'));
    tools.push(end('a'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledOnce());
    expect(tools.calls[0]?.error).toBeInstanceOf(ToolCallValidationError);
  });
});
