import { memo, type ReactNode } from 'react';
import { Streamdown } from 'streamdown';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  readonly text: string;
  /** The answer is still arriving (Streamdown closes unfinished syntax and animates). */
  readonly streaming: boolean;
}

/**
 * The one Markdown renderer both implementations use: Streamdown with its
 * defaults. Memoized on its props, as the AI SDK's own chat components do, so a
 * message whose text did not change costs nothing when its list re-renders.
 */
export const Markdown = memo(function Markdown({ text, streaming }: MarkdownProps): ReactNode {
  return <Streamdown isAnimating={streaming}>{text}</Streamdown>;
});
