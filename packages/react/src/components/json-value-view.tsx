'use client';
import { pathKey } from '@tokenpaint/core';
/**
 * A live key/value view of a partial JSON value (tool-call arguments as they stream).
 *
 * Cost per commit is the streaming spine, not the document: the parser shares
 * structure (an unchanged subtree is the identical object), every node is
 * `React.memo`'d on that identity, and only the last child of a streaming
 * container can still be streaming. Finished siblings get `streaming={false}` and
 * no `completed` set, so their props never change and React skips them.
 */
import { memo, type ReactNode } from 'react';
import { Caret } from './default-parts.tsx';

/** Props of {@link JSONValueView}. */
export interface JSONValueViewProps {
  readonly value: unknown;
  /** Where the value sits (its key in `completed`). Only read while `streaming`. */
  readonly path: readonly (string | number)[];
  /** The value may still grow: show a caret at its end unless it completed. */
  readonly streaming: boolean;
  /** Completed path keys; passed down the streaming spine only. */
  readonly completed?: ReadonlySet<string> | undefined;
}

function Scalar({ value, caret }: { readonly value: unknown; readonly caret: boolean }): ReactNode {
  const type = value === null ? 'null' : typeof value;
  return (
    <span data-tp-part="json-value" data-tp-type={type}>
      {typeof value === 'string' ? value : String(value)}
      {caret && <Caret />}
    </span>
  );
}

function renderView({ value, path, streaming, completed }: JSONValueViewProps): ReactNode {
  const open = streaming && !completed?.has(pathKey(path));
  if (value === undefined) return open ? <Caret /> : null;
  if (typeof value !== 'object' || value === null) return <Scalar value={value} caret={open} />;
  // Only the last child of an open container can still be growing (JSON arrives in order).
  // Caveat: integer-like object keys are enumerated first by JavaScript, whatever their text order.
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  // Between two fields (`{"a": 1, "b`) nothing inside is growing: the container
  // itself shows the caret, after its last child, until the next child begins.
  const lastEntry = entries[entries.length - 1];
  const caretAtEnd =
    open && (lastEntry === undefined || completed?.has(pathKey([...path, lastEntry[0]])) === true);
  const child = (key: string | number, item: unknown, last: boolean): ReactNode => {
    const childOpen = open && last;
    return (
      <JSONValueView
        value={item}
        path={childOpen ? [...path, key] : path}
        streaming={childOpen}
        completed={childOpen ? completed : undefined}
      />
    );
  };
  if (Array.isArray(value)) {
    return (
      <ol data-tp-part="json-array">
        {entries.map(([key, item], i) => (
          <li key={key} data-tp-part="json-item">
            {child(key, item, i === entries.length - 1)}
          </li>
        ))}
        {caretAtEnd && <Caret />}
      </ol>
    );
  }
  return (
    <dl data-tp-part="json-object">
      {entries.map(([key, item], i) => (
        <div key={key} data-tp-part="json-entry">
          <dt>{key}</dt>
          <dd>{child(key, item, i === entries.length - 1)}</dd>
        </div>
      ))}
      {caretAtEnd && <Caret />}
    </dl>
  );
}

/**
 * Renders a (partial) JSON value as nested key/value lists with a caret on the
 * field that is still streaming. `path` is ignored by the memo comparison: a given
 * React slot always holds the same path.
 */
export const JSONValueView = memo(
  renderView,
  (a, b) => a.value === b.value && a.streaming === b.streaming && a.completed === b.completed,
);
