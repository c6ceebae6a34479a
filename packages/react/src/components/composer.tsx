'use client';
import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';

/** Props of {@link Composer}. */
export interface ComposerProps {
  /** Called with the trimmed text and the user's action time (the event's `timeStamp`, for `actionAt`). */
  readonly onSend: (text: string, actionAt: number) => void;
  /** Shown in place of Send while `busy`; without it the button is inert while busy. */
  readonly onStop?: () => void;
  /** Every sign of intent (focus, input): pass `useConversation`'s `warm`. */
  readonly onIntent?: () => void;
  /**
   * An answer is on its way. A submit is then refused: nothing is sent and the
   * draft stays in the box, so the user loses nothing and sends it when the
   * answer ends (or after Stop). Typing goes on as usual.
   */
  readonly busy?: boolean;
  /** The text box's accessible name. Default `Message`. */
  readonly label?: string;
  readonly placeholder?: string;
  readonly defaultValue?: string;
  /** The text box's form field name. */
  readonly name?: string;
  /** Extra controls inside the form, before the button (model pickers, attachments). */
  readonly children?: ReactNode;
}

/** An IME composing a character also sends Enter (to pick a candidate): that Enter is not a submit. */
function isComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/**
 * The message box of a chat. Enter sends, Shift+Enter adds a line; after a send
 * the box clears and keeps focus (also when Send was clicked), and `onSend` runs
 * inside the event, so a `useConversation` list shows the user's message and the
 * answer's skeleton in the very next frame. While `busy`, submits are refused as
 * `busy` says, and the button is Stop.
 *
 * @example
 * const chat = useConversation({ url: '/api/chat', warmUp: '/api/health' });
 * <Composer onSend={chat.send} onStop={chat.stop} onIntent={chat.warm} busy={chat.running} />
 */
export function Composer({
  onSend,
  onStop,
  onIntent,
  busy = false,
  label = 'Message',
  placeholder,
  defaultValue = '',
  name,
  children,
}: ComposerProps): ReactNode {
  const [draft, setDraft] = useState(defaultValue);
  const input = useRef<HTMLTextAreaElement>(null);

  const submit = (actionAt: number): void => {
    const text = draft.trim();
    if (text === '' || busy) return;
    onSend(text, actionAt);
    setDraft('');
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || isComposing(event)) return;
    event.preventDefault();
    submit(event.timeStamp);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    submit(event.timeStamp);
  };

  return (
    <form data-tp-part="composer" data-tp-busy={busy || undefined} onSubmit={onSubmit}>
      <textarea
        ref={input}
        data-tp-part="composer-input"
        aria-label={label}
        name={name}
        placeholder={placeholder}
        rows={1}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={onIntent}
        onInput={onIntent}
      />
      {children}
      {busy ? (
        <button
          type="button"
          data-tp-part="composer-stop"
          onClick={onStop}
          aria-disabled={onStop ? undefined : true}
        >
          Stop
        </button>
      ) : (
        <button type="submit" data-tp-part="composer-send">
          Send
        </button>
      )}
    </form>
  );
}
