import { safeUrl } from '@tokenpaint/core';
import type { Token, Tokens } from 'marked';
import { Fragment, type ReactNode } from 'react';
import { CodeBlock } from './code-block.tsx';

/** What the token renderer needs to know beyond the tokens. */
export interface RenderOptions {
  /** Origins images may load from; empty: images render as their alt text. */
  readonly imageOrigins: readonly string[];
  /** The block is settled (complete): code may be highlighted. */
  readonly settled: boolean;
  readonly highlight: ((code: string, language: string) => ReactNode) | undefined;
}

function isAllowedImage(url: string, origins: readonly string[]): boolean {
  if (origins.length === 0) return false;
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false; // relative or malformed: no base to judge it against
  }
}

/** Inline tokens (the children of a paragraph, heading, cell, emphasis, link). */
export function renderInline(tokens: readonly Token[] | undefined, options: RenderOptions): ReactNode[] {
  if (tokens === undefined) return [];
  return tokens.map((token, key) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: tokens are in source order and never reorder; a growing block only appends.
    <Fragment key={key}>{renderInlineToken(token, options)}</Fragment>
  ));
}

function renderInlineToken(token: Token, options: RenderOptions): ReactNode {
  switch (token.type) {
    case 'strong':
      return <strong>{renderInline(token.tokens, options)}</strong>;
    case 'em':
      return <em>{renderInline(token.tokens, options)}</em>;
    case 'del':
      return <del>{renderInline(token.tokens, options)}</del>;
    case 'codespan':
      return <code>{token.text}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeUrl(link.href);
      const children = renderInline(link.tokens, options);
      // A refused URL keeps its text, inert.
      if (href === undefined) return <span data-tp-part="link-refused">{children}</span>;
      return (
        <a href={href} title={link.title ?? undefined} rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      const src = safeUrl(image.href);
      if (src === undefined || !isAllowedImage(src, options.imageOrigins))
        return <span data-tp-part="image-alt">{decodeText(image.text)}</span>;
      return <img src={src} alt={decodeText(image.text)} title={image.title ?? undefined} />;
    }
    case 'text':
      // Text inside a tight list item carries its own inline tokens.
      return 'tokens' in token && token.tokens !== undefined && token.tokens.length > 0
        ? renderInline(token.tokens, options)
        : decodeText(token.text);
    case 'escape':
      return token.text;
    case 'html':
      // Raw HTML from the model is shown as the text it is, never parsed.
      return token.raw;
    case 'checkbox':
      return (
        <input
          type="checkbox"
          checked={(token as { checked?: boolean }).checked === true}
          disabled
          readOnly
        />
      );
    default:
      return 'raw' in token ? token.raw : null;
  }
}

/**
 * CommonMark decodes entity references in text. marked decodes the numeric ones
 * and leaves named ones for an HTML renderer to hand to the browser; React sets
 * text, not HTML, so the common named entities are decoded here (an unknown name
 * stays as written). Code spans and blocks keep entities literally, as CommonMark says.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  middot: '·',
  bull: '•',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  rarr: '→',
  larr: '←',
  le: '≤',
  ge: '≥',
  ne: '≠',
};

function decodeText(text: string): string {
  return text.includes('&')
    ? text.replace(/&([a-z]+);/gi, (entity, name: string) => NAMED[name] ?? entity)
    : text;
}

/** One top-level block. */
export function renderBlock(token: Token, options: RenderOptions): ReactNode {
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, heading.depth))}` as 'h1';
      return <Tag>{renderInline(heading.tokens, options)}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInline(token.tokens, options)}</p>;
    case 'text':
      return <p>{renderInlineToken(token, options)}</p>;
    case 'code': {
      const code = token as Tokens.Code;
      const language = (code.lang ?? '').trim().split(/\s+/)[0] ?? '';
      // The growing block's fence is complete once its closing fence line arrived.
      const complete = options.settled || /\n {0,3}(`{3,}|~{3,})[ \t]*$/.test(code.raw.trimEnd());
      // Highlighted once settled, never on the growing block: a settled block renders once.
      return (
        <CodeBlock
          code={code.text}
          language={language}
          complete={complete}
          highlighted={
            options.settled && options.highlight !== undefined
              ? options.highlight(code.text, language)
              : undefined
          }
        />
      );
    }
    case 'blockquote':
      return <blockquote>{renderBlocks((token as Tokens.Blockquote).tokens, options)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, key) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items only ever append while streaming.
        <li key={key} data-tp-task={item.task ? (item.checked ? 'done' : 'open') : undefined}>
          {item.task && !item.tokens.some((child) => child.type === 'checkbox') && (
            <input type="checkbox" checked={item.checked === true} disabled readOnly />
          )}
          {list.loose
            ? renderBlocks(item.tokens, options)
            : item.tokens.map((child, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an item's children only ever append.
                <Fragment key={k}>
                  {child.type === 'text' ? renderInlineToken(child, options) : renderBlock(child, options)}
                </Fragment>
              ))}
        </li>
      ));
      return list.ordered ? (
        <ol start={typeof list.start === 'number' && list.start !== 1 ? list.start : undefined}>{items}</ol>
      ) : (
        <ul>{items}</ul>
      );
    }
    case 'table': {
      const table = token as Tokens.Table;
      const align = (index: number) => table.align[index] ?? undefined;
      return (
        <div data-tp-part="table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional.
                  <th key={k} style={align(k) ? { textAlign: align(k) } : undefined}>
                    {renderInline(cell.tokens, options)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows only ever append while streaming.
                <tr key={r}>
                  {row.map((cell, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional.
                    <td key={k} style={align(k) ? { textAlign: align(k) } : undefined}>
                      {renderInline(cell.tokens, options)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'hr':
      return <hr />;
    case 'checkbox':
      return renderInlineToken(token, options);
    case 'html':
      // Raw HTML from the model is shown as the text it is, never parsed.
      return <p data-tp-part="raw-html">{token.raw.trimEnd()}</p>;
    case 'space':
    case 'def':
      return null;
    default:
      return 'raw' in token ? <p>{token.raw}</p> : null;
  }
}

/** A sequence of blocks (the children of a blockquote or a loose list item). */
export function renderBlocks(tokens: readonly Token[], options: RenderOptions): ReactNode[] {
  return tokens.map((token, key) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: tokens are in source order and never reorder; a growing block only appends.
    <Fragment key={key}>{renderBlock(token, options)}</Fragment>
  ));
}
