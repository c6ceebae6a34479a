'use client';
import { type ReactNode, useState } from 'react';

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps {
  readonly code: string;
  /** The fence's info string, first word (`ts`, `python`); `''` when none. */
  readonly language: string;
  /** The block is complete: its closing fence arrived, or the answer ended. */
  readonly complete: boolean;
  /** Highlighted content for a complete block (see `StreamingMarkdownProps.highlight`); plain text otherwise. */
  readonly highlighted?: ReactNode;
}

/**
 * A fenced code block: monospace, a language label, a copy button. The growing
 * block of a streaming answer shows plain text; highlighting, when the app plugs
 * it in, applies once the block is complete, so a growing fence is never
 * re-highlighted in full on every frame.
 */
export function CodeBlock({ code, language, complete, highlighted }: CodeBlockProps): ReactNode {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    const clipboard = globalThis.navigator?.clipboard;
    if (clipboard === undefined) return;
    clipboard.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div
      data-tp-part="code-block"
      data-tp-language={language || undefined}
      data-tp-complete={complete || undefined}
    >
      <div data-tp-part="code-header">
        <span data-tp-part="code-language">{language || 'text'}</span>
        <button type="button" data-tp-part="code-copy" onClick={copy} aria-label="Copy code">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre>
        <code className={language ? `language-${language}` : undefined}>
          {complete && highlighted !== undefined ? highlighted : code}
        </code>
      </pre>
    </div>
  );
}
