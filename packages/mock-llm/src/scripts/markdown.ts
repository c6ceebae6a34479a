import { defineScript } from './script-types.ts';

const markdown = `# Rendering streamed Markdown

Streaming Markdown is tricky because **every prefix** of a document must render sensibly, even when a
\`code span\` or a [link](https://example.com/docs?a=1&b=2) is only half written.

## What to watch for

- Emphasis that opens now and closes three tokens later
- Nested lists:
  1. ordered items
  2. with *inline* formatting
- Fenced code blocks that stay open for hundreds of tokens

## A fenced code block

\`\`\`ts
export function paint(tokens: string[]): string {
  let html = '';
  for (const token of tokens) {
    html += escape(token); // never re-render the whole document per token
  }
  return html;
}
\`\`\`

## Latency budget

| Stage | Target | Notes |
| --- | ---: | --- |
| Time to first token | 300 ms | network + model queue |
| Frame budget | 16.7 ms | 60 Hz display |
| Tokens per frame | 1–4 | depends on \`tps\` |

> Tip: a table row is only valid once its last pipe arrives, so hold it until the newline.

That's all — *happy streaming*.
`;

/** Markdown with headings, lists, a fenced code block and a table. */
export const markdownScript = defineScript(
  'markdown',
  'Markdown: headings, emphasis, nested lists, a fenced code block, a table, a blockquote.',
  [{ kind: 'text', text: markdown }],
);
