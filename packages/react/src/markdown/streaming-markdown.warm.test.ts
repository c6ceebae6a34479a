import { afterEach, describe, expect, it, vi } from 'vitest';

const lexed = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock('@tokenpaint/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@tokenpaint/core')>();
  return {
    ...core,
    createMarkdownSplitter: () => {
      const splitter = core.createMarkdownSplitter();
      return {
        update: (text: string, streaming: boolean) => {
          lexed.texts.push(text);
          return splitter.update(text, streaming);
        },
      };
    },
  };
});

describe('warmMarkdownWhenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
    lexed.texts.length = 0;
  });

  it('lexes and renders a sample in the next idle callback, once per page', async () => {
    const idle = vi.fn();
    vi.stubGlobal('requestIdleCallback', idle);
    const { warmMarkdownWhenIdle } = await import('./streaming-markdown.tsx');
    warmMarkdownWhenIdle();
    warmMarkdownWhenIdle();
    expect(lexed.texts).toEqual([]);
    for (const [callback] of idle.mock.calls) callback();
    expect(lexed.texts).toHaveLength(1);
    expect(lexed.texts[0]).toContain('**strong**');
  });

  it('schedules nothing where there is no idle callback', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const { warmMarkdownWhenIdle } = await import('./streaming-markdown.tsx');
    warmMarkdownWhenIdle();
    expect(lexed.texts).toEqual([]);
  });
});
