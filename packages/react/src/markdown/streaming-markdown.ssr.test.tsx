// @vitest-environment node
import { SCRIPTS } from '@tokenpaint/mock-llm';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StreamingMarkdown } from './streaming-markdown.tsx';

describe('<StreamingMarkdown> on the server', () => {
  it('renders finished and streaming Markdown with no DOM', () => {
    expect(typeof document).toBe('undefined');
    const finished = renderToString(<StreamingMarkdown text={SCRIPTS.markdown.text} streaming={false} />);
    expect(finished).toContain('<h1>Rendering streamed Markdown</h1>');
    expect(finished).toContain('<th style="text-align:right">Target</th>');
    const streaming = renderToString(<StreamingMarkdown text="Some **bol" streaming />);
    expect(streaming).toContain('<strong>bol</strong>');
  });
});
