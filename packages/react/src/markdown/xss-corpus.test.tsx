/**
 * Nothing executable from model output reaches the DOM: every vector below is
 * rendered whole and at every prefix, streaming (one instance re-rendered, as an
 * answer arrives) and finished, and the resulting DOM is inspected: only the
 * elements and attributes the renderer itself writes, and every URL resolves
 * (by the URL parser, as the browser would) to http, https or mailto.
 */
import { render } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StreamingMarkdown } from './streaming-markdown.tsx';

const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="https://ok.example" onclick="alert(1)">click</a>',
  '<details open ontoggle=alert(1)>x</details>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<style>@import 'javascript:alert(1)';</style><link rel=stylesheet href=javascript:alert(1)>",
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[click](<javascript:alert(1)>)',
  '[click]( javascript:alert(1) )',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](https://ok.example "t\\" onmouseover=alert(1) x=\\"")',
  '<javascript:alert(1)>',
  '![img](javascript:alert(1))',
  '![img](https://tracker.example/pixel.png)',
  '![img](data:image/svg+xml,<svg onload=alert(1)>)',
  '[r]: javascript:alert(1)\n\n[click][r]',
  '**<img src=x onerror=alert(1)>** and *<b onmouseover=alert(1)>x</b>*',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '> <script>alert(1)</script>\n> [q](javascript:alert(1))',
  '- <iframe src=javascript:alert(1)>\n- [x](javascript:alert(1))',
  '| a | b |\n| - | - |\n| <script>alert(1)</script> | [x](javascript:alert(1)) |',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  'text <!-- <script>alert(1)</script> --> text',
  '<div>\n\n**markdown inside html** <a href=javascript:alert(1)>x</a>\n\n</div>',
];

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
  for (const vector of VECTORS) {
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
