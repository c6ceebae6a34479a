/**
 * Nothing executable from model output reaches the DOM: every vector below is
 * rendered whole and at every prefix, streaming (one instance re-rendered, as an
 * answer arrives) and finished, and the resulting DOM is inspected: only the
 * elements and attributes the renderer itself writes, and every URL resolves
 * (by the URL parser, as the browser would) to http, https or mailto.
 */
import { render } from '@testing-library/react';
import { XSS_VECTORS } from '@tokenpaint/mock-llm';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StreamingMarkdown } from './streaming-markdown.tsx';

const ELEMENTS = new Set([
  'DIV',
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'STRONG',
  'EM',
  'DEL',
  'CODE',
  'PRE',
  'A',
  'SPAN',
  'UL',
  'OL',
  'LI',
  'INPUT',
  'BLOCKQUOTE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'HR',
  'BR',
  'BUTTON',
]);
const ATTRIBUTES = new Set([
  'href',
  'title',
  'rel',
  'class',
  'type',
  'checked',
  'disabled',
  'readonly',
  'start',
  'style',
  'aria-label',
]);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function inspect(root: Element, where: string): void {
  for (const element of root.querySelectorAll('*')) {
    expect(ELEMENTS.has(element.tagName), `${where}: <${element.tagName.toLowerCase()}>`).toBe(true);
    for (const { name, value } of element.attributes) {
      expect(ATTRIBUTES.has(name) || name.startsWith('data-tp-'), `${where}: attribute ${name}`).toBe(true);
      if (name === 'href') {
        const protocol = new URL(value, 'https://app.example/page').protocol;
        expect(SAFE_PROTOCOLS.has(protocol), `${where}: href ${value}`).toBe(true);
      }
      if (name === 'style') expect(value, where).toMatch(/^text-align:\s*(left|right|center);?$/);
    }
    if (element.tagName === 'INPUT') expect(element.getAttribute('type'), where).toBe('checkbox');
  }
}

describe('the XSS corpus renders inert', () => {
  for (const vector of XSS_VECTORS) {
    const text = `Intro paragraph.\n\n${vector}\n\nAfter.`;
    it(JSON.stringify(vector), () => {
      const { container, rerender } = render(<StreamingMarkdown text="" streaming />);
      for (let cut = 0; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut);
        rerender(<StreamingMarkdown text={prefix} streaming />);
        inspect(container, `streaming at ${cut}`);
        const page = document.createElement('div');
        page.innerHTML = renderToStaticMarkup(<StreamingMarkdown text={prefix} streaming={false} />);
        inspect(page, `finished at ${cut}`);
      }
      rerender(<StreamingMarkdown text={text} streaming={false} />);
      inspect(container, 'finished');
      // The vector's words are still shown as text: nothing the model wrote is dropped silently.
      expect(container.textContent).toContain('After.');
    });
  }

  it('the inspection catches what it must (a deliberately unsafe element fails it)', () => {
    const root = document.createElement('div');
    root.innerHTML = '<a href="javascript:alert(1)">x</a>';
    expect(() => inspect(root, 'control')).toThrow();
    root.innerHTML = '<img src="x">';
    expect(() => inspect(root, 'control')).toThrow();
  });
});
