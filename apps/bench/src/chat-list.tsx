import { Transcript } from '@tokenpaint/react';
import { Fragment, type ReactNode, useRef } from 'react';
import { useStickToBottom } from './use-stick-to-bottom.ts';

/** A first guess at a message's height; rows are measured once rendered. */
const ESTIMATED_ROW_PX = 180;

/** Props of {@link ChatList}. */
export interface ChatListProps<Message extends { readonly id: string }> {
  readonly messages: readonly Message[];
  readonly renderRow: (message: Message) => ReactNode;
  /** `virtual`: `<Transcript>`; `plain`: every message mounted, kept at the bottom by the shared hook. */
  readonly list: 'plain' | 'virtual';
  /** The page's implementation, as `data-impl` for the runner and the stylesheet. */
  readonly impl: string;
}

const keyOf = (message: { readonly id: string }): string => message.id;

/**
 * The conversation list of every bench page, so that a list mode costs every
 * implementation the same: the matrix compares the engines, not the lists.
 */
export function ChatList<Message extends { readonly id: string }>({
  messages,
  renderRow,
  list,
  impl,
}: ChatListProps<Message>): ReactNode {
  if (list === 'virtual')
    return (
      <div className="chat chat--transcript" data-impl={impl}>
        <Transcript
          messages={messages}
          getKey={keyOf}
          renderMessage={renderRow}
          estimateSize={ESTIMATED_ROW_PX}
          overscan={3}
        />
      </div>
    );
  return <PlainList messages={messages} renderRow={renderRow} impl={impl} />;
}

function PlainList<Message extends { readonly id: string }>({
  messages,
  renderRow,
  impl,
}: Omit<ChatListProps<Message>, 'list'>): ReactNode {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useStickToBottom(scroller, content);
  return (
    <div ref={scroller} className="chat" data-impl={impl}>
      <div ref={content}>
        {messages.map((message) => (
          <Fragment key={message.id}>{renderRow(message)}</Fragment>
        ))}
      </div>
    </div>
  );
}
