import { defineScript } from './script-types.ts';

/**
 * Markdown and HTML a model can be steered into writing by a prompt injection
 * (a web page or document it was asked to read): script and style tags, event
 * handlers, SVG and MathML, `javascript:`/`vbscript:`/`data:` URLs spelled with
 * entities, mixed case and whitespace, reference links, HTML around Markdown.
 * A renderer that is safe by construction shows all of it as inert text. Shared
 * by the renderer's tests, the stories and the demo (`script=xss`).
 */
export const XSS_VECTORS: readonly string[] = [
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

/** An answer made of every vector, one block each. */
export const xssScript = defineScript(
  'xss',
  'Prompt-injected output: every XSS vector in XSS_VECTORS, one per block (must render inert).',
  [
    {
      kind: 'text',
      text: `Here is the page you asked me to summarize.\n\n${XSS_VECTORS.join('\n\n')}\n\nThat is all.\n`,
    },
  ],
);
