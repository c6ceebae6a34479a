import { render } from '@testing-library/react';
import { SCRIPTS } from '@tokenpaint/mock-llm';
import { marked } from 'marked';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { StreamingMarkdown } from './streaming-markdown.tsx';

const markup = (text: string, streaming: boolean) =>
  renderToStaticMarkup(<StreamingMarkdown text={text} streaming={streaming} />);

/** Markup as the DOM serializes it (React's client sets styles through CSSOM, which writes `text-align: right;`). */
function normalized(html: string): string {
  return html.replace(/style="([^"]*)"/g, (_, style: string) => `style="${style.replace(/[\s;]/g, '')}"`);
}

function dom(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

/** (tag, text) of every element that carries content, in document order. */
function outline(root: HTMLElement): string[] {
  return [...root.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, th, td, pre code, blockquote')].map(
    // Whitespace between elements differs (marked writes newlines, React none): compare the characters.
    (element) => `${element.tagName.toLowerCase()}: ${(element.textContent ?? '').replace(/\s+/g, '')}`,
  );
}

describe('<StreamingMarkdown>', () => {
  it('renders every element of the Markdown script', () => {
    const root = dom(markup(SCRIPTS.markdown.text, false));
    expect(root.querySelector('h1')?.textContent).toBe('Rendering streamed Markdown');
    expect(root.querySelector('strong')?.textContent).toBe('every prefix');
    expect(root.querySelector('p code')?.textContent).toBe('code span');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs?a=1&b=2');
    expect(root.querySelector('ul ol li em')?.textContent).toBe('inline');
    const code = root.querySelector('[data-tp-part="code-block"]');
    expect(code?.getAttribute('data-tp-language')).toBe('ts');
    expect(code?.querySelector('[data-tp-part="code-language"]')?.textContent).toBe('ts');
    expect(code?.querySelector('button')?.textContent).toBe('Copy');
    expect(code?.querySelector('pre code')?.textContent).toContain(
      'never re-render the whole document per token',
    );
    expect([...root.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Stage',
      'Target',
      'Notes',
    ]);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
    expect((root.querySelectorAll('th')[1] as HTMLElement).style.textAlign).toBe('right');
    expect(root.querySelector('blockquote')?.textContent).toContain('Tip:');
  });

  it('shows the same content as marked’s own HTML rendering of the finished text', () => {
    const ours = outline(dom(markup(SCRIPTS.markdown.text, false)));
    const theirs = outline(dom(marked.parse(SCRIPTS.markdown.text, { async: false, gfm: true })));
    expect(ours).toEqual(theirs);
  });

  it('renders task lists, strikethrough, autolinks, rules and ordered starts', () => {
    const root = dom(
      markup(
        '- [ ] open\n- [x] done\n\n~~gone~~ <https://a.example> www.b.example\n\n---\n\n3. three\n4. four\n',
        false,
      ),
    );
    const boxes = [...root.querySelectorAll('input[type="checkbox"]')] as HTMLInputElement[];
    expect(boxes.map((box) => [box.checked, box.disabled])).toEqual([
      [false, true],
      [true, true],
    ]);
    expect(root.querySelector('del')?.textContent).toBe('gone');
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://a.example',
      'http://www.b.example',
    ]);
    expect(root.querySelector('hr')).not.toBeNull();
    expect(root.querySelector('ol')?.getAttribute('start')).toBe('3');
  });

  it('renders every prefix, re-rendered in place, as a fresh render of that prefix', () => {
    const text = SCRIPTS.markdown.text;
    const { container, rerender } = render(<StreamingMarkdown text="" streaming />);
    for (let cut = 0; cut <= text.length; cut += 3) {
      const prefix = text.slice(0, cut);
      rerender(<StreamingMarkdown text={prefix} streaming />);
      expect(normalized(container.innerHTML)).toBe(normalized(dom(markup(prefix, true)).innerHTML));
    }
    rerender(<StreamingMarkdown text={text} streaming={false} />);
    expect(normalized(container.innerHTML)).toBe(normalized(dom(markup(text, false)).innerHTML));
  });

  it('shows half-written syntax in its final form while streaming, and as written once finished', () => {
    expect(dom(markup('Some **bol', true)).querySelector('strong')?.textContent).toBe('bol');
    expect(dom(markup('Some **bol', false)).querySelector('strong')).toBeNull();
    expect(dom(markup('see [the docs](https://exa', true)).textContent).toBe('see the docs');
    expect(dom(markup('| a | b |', true)).textContent).toBe('');
    expect(dom(markup('| a | b |\n| --- | --- |', true)).querySelectorAll('th')).toHaveLength(2);
    const open = dom(markup('```py\nprint(1)', true)).querySelector('[data-tp-part="code-block"]');
    expect(open?.querySelector('code')?.textContent).toBe('print(1)');
    expect(open?.hasAttribute('data-tp-complete')).toBe(false);
  });

  it('renders a settled block once: highlighting runs once per code block while the answer grows', () => {
    const highlight = vi.fn((code: string, _language: string) => <mark>{code}</mark>);
    const text = SCRIPTS.markdown.text;
    const { container, rerender } = render(<StreamingMarkdown text="" streaming highlight={highlight} />);
    for (let cut = 0; cut <= text.length; cut += 5)
      rerender(<StreamingMarkdown text={text.slice(0, cut)} streaming highlight={highlight} />);
    rerender(<StreamingMarkdown text={text} streaming={false} highlight={highlight} />);
    expect(highlight).toHaveBeenCalledTimes(1);
    expect(highlight.mock.calls[0]?.[1]).toBe('ts');
    expect(container.querySelector('pre code mark')).not.toBeNull();
  });

  it('keeps settled blocks mounted across groups: the same DOM nodes, one highlight per code block', () => {
    const highlight = vi.fn((code: string, _language: string) => <mark>{code}</mark>);
    // Three copies: about 30 blocks, past the first groups of 16.
    const text = [SCRIPTS.markdown.text, SCRIPTS.markdown.text, SCRIPTS.markdown.text].join('\n');
    const { container, rerender } = render(<StreamingMarkdown text="" streaming highlight={highlight} />);
    let firstHeading: Element | null = null;
    for (let cut = 0; cut <= text.length; cut += 9) {
      rerender(<StreamingMarkdown text={text.slice(0, cut)} streaming highlight={highlight} />);
      firstHeading ??= container.querySelector('h1');
    }
    rerender(<StreamingMarkdown text={text} streaming={false} highlight={highlight} />);
    expect(container.querySelectorAll('h1')).toHaveLength(3);
    expect(container.querySelector('h1')).toBe(firstHeading);
    expect(highlight).toHaveBeenCalledTimes(3);
  });

  it('highlights settled code once a lazily loaded highlighter arrives', () => {
    const { container, rerender } = render(
      <StreamingMarkdown text={SCRIPTS.markdown.text} streaming={false} />,
    );
    expect(container.querySelector('pre code mark')).toBeNull();
    const highlight = vi.fn((code: string, _language: string) => <mark>{code}</mark>);
    rerender(<StreamingMarkdown text={SCRIPTS.markdown.text} streaming={false} highlight={highlight} />);
    expect(container.querySelector('pre code mark')).not.toBeNull();
    expect(highlight).toHaveBeenCalledTimes(1);
  });

  it('shows images as their alt text unless their origin is allowed', () => {
    const text = '![a chart](https://img.example/c.png) ![other](https://elsewhere.example/x.png)';
    expect(dom(markup(text, false)).querySelector('img')).toBeNull();
    expect(dom(markup(text, false)).textContent).toBe('a chart other');
    const allowed = dom(
      renderToStaticMarkup(
        <StreamingMarkdown text={text} streaming={false} imageOrigins={['https://img.example']} />,
      ),
    );
    expect([...allowed.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      'https://img.example/c.png',
    ]);
  });

  it('decodes named entities in text and keeps them in code, as CommonMark does', () => {
    const root = dom(markup('Fish &amp; chips &copy; `a &amp; b`', false));
    expect(root.querySelector('p')?.firstChild?.textContent).toBe('Fish & chips © ');
    expect(root.querySelector('code')?.textContent).toBe('a &amp; b');
  });
});
