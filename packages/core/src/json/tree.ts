/**
 * The open containers of a document being parsed, and the immutable snapshots
 * built from them with structural sharing.
 *
 * Each open array or object keeps its finished children in a private mutable
 * store (appending is O(1)). A snapshot of an open container is a copy
 * of that store plus the reading of its one unfinished child, and it is cached:
 * the copy is made again only when the container gained a child or its
 * unfinished child reads differently. So a snapshot costs O(depth) for the walk
 * plus, for each open container whose content changed, a copy of its finished
 * children (a pointer copy, O(width)). A closed container costs nothing more:
 * its store is frozen and becomes its value, or its last snapshot is reused when
 * nothing changed since, so finished subtrees keep their identity forever.
 *
 * Live frames (`live: true`) copy nothing: the store is the value, and a read
 * writes the unfinished child into it in place (one pending slot per open
 * container, replaced at the next read or when the child finishes). A read then
 * costs O(depth) however wide the container, as with a parser that mutates one
 * tree, and the value keeps its identity while it changes.
 */
import { OMIT, type Reading } from './scalars.ts';

/** One step of a path, linked to its parent so that recording a completion costs O(1). */
export interface PathNode {
  readonly parent: PathNode | null;
  readonly key: string | number;
}

/** `null` is the root (the empty path). */
export type PathLink = PathNode | null;

interface FrameState {
  /** Where this container sits. */
  readonly path: PathLink;
  /** The last snapshot of this container, or OMIT. */
  snap: Reading;
  /** The reading of the unfinished child that `snap` contains, or OMIT if it contains none. */
  snapChild: Reading;
  /** Finished children were added since `snap` was made. */
  dirty: boolean;
  /** The store is the value, mutated in place (see the module comment). */
  readonly live: boolean;
  /** Live: a read wrote the unfinished child into the store (the last item, or the entry at `key`). */
  pending: boolean;
  /** Live objects: the finished value a pending entry hides (a duplicate key), to restore; OMIT if none. */
  pendingShadowed: Reading;
}

/** An open array. */
export interface ArrayFrame extends FrameState {
  readonly isArray: true;
  readonly items: unknown[];
}

/** An open object. `key` is the key of the entry being read, once that key is complete. */
export interface ObjectFrame extends FrameState {
  readonly isArray: false;
  readonly entries: Record<string, unknown>;
  /** The keys of `entries` in insertion order, each once: copying by this list beats spread (see frameReading). */
  readonly keys: string[];
  key: string | undefined;
}

/** An open container. */
export type Frame = ArrayFrame | ObjectFrame;

/** A new open container at `path`. */
export function openFrame(isArray: boolean, path: PathLink, live = false): Frame {
  const state = {
    path,
    snap: OMIT,
    snapChild: OMIT,
    dirty: true,
    live,
    pending: false,
    pendingShadowed: OMIT,
  };
  return isArray
    ? { isArray: true, items: [], ...state }
    : { isArray: false, entries: {}, keys: [], key: undefined, ...state };
}

/** The path of the child `frame` is reading now. */
export function childPath(frame: Frame): PathNode {
  return { parent: frame.path, key: frame.isArray ? frame.items.length : (frame.key as string) };
}

/**
 * Adds a finished child. The cached snapshot stays valid when it already showed
 * this very value as the unfinished child (e.g. `"abc` then `"`), which keeps
 * identity across the moment a child completes.
 */
export function addChild(frame: Frame, value: unknown): void {
  if (frame.live) {
    addLiveChild(frame, value);
    return;
  }
  if (frame.isArray) frame.items.push(value);
  else {
    const key = frame.key as string;
    if (!Object.hasOwn(frame.entries, key)) frame.keys.push(key);
    setOwn(frame.entries, key, value);
    frame.key = undefined;
  }
  if (frame.snapChild === OMIT || !Object.is(frame.snapChild, value)) frame.dirty = true;
  frame.snapChild = OMIT;
}

/** The snapshot of an open container whose unfinished child reads as `child` (OMIT: none or not shown). */
export function frameReading(frame: Frame, child: Reading): unknown {
  if (frame.live) return liveReading(frame, child);
  if (!frame.dirty && Object.is(child, frame.snapChild)) return frame.snap;
  let snap: unknown;
  if (frame.isArray) {
    const items = frame.items;
    if (child === OMIT) snap = items.slice();
    else {
      // Append to the store and copy, rather than copy and append: the copy
      // then gets an exact-size backing store instead of growing (a second copy).
      items.push(child);
      snap = items.slice();
      items.pop();
    }
  } else {
    const copy = copyEntries(frame);
    if (child !== OMIT && frame.key !== undefined) setOwn(copy, frame.key, child);
    snap = copy;
  }
  // Not frozen: this copy is replaced by the next read that sees a change, and
  // freezing one per read cost 22% of the whole parse at 1 MiB. The container is
  // frozen once, when it closes (closeFrame), and keeps that identity for good.
  frame.snap = snap;
  frame.snapChild = child;
  frame.dirty = false;
  return snap;
}

/**
 * Objects past this many keys copy by their key list. A store filled key by key
 * leaves V8's fast layout at about 20 keys, and spread then copies it through a
 * slow generic path: 110–370 ns a key, against 18–130 ns for inserting the keys
 * one by one (Node 24, 20 to 60,000 keys). Below it, spread copies the fast
 * layout wholesale (2–5 ns a key) and wins.
 */
const SPREAD_MAX_KEYS = 16;

function copyEntries(frame: ObjectFrame): Record<string, unknown> {
  const { entries, keys } = frame;
  if (keys.length <= SPREAD_MAX_KEYS) return { ...entries };
  const copy: Record<string, unknown> = {};
  for (const key of keys) setOwn(copy, key, entries[key]);
  return copy;
}

/** The final value of a container that just closed: its last snapshot if still current, else its frozen store. */
export function closeFrame(frame: Frame): unknown {
  if (frame.live) return Object.freeze(frame.isArray ? frame.items : frame.entries);
  if (!frame.dirty && frame.snapChild === OMIT && frame.snap !== OMIT) return Object.freeze(frame.snap);
  return Object.freeze(frame.isArray ? frame.items : frame.entries);
}

/** A live frame's store, with its unfinished child (OMIT: none) written into the pending slot. */
function liveReading(frame: Frame, child: Reading): unknown {
  if (child === OMIT || (!frame.isArray && frame.key === undefined)) clearPending(frame);
  else if (frame.isArray) {
    if (frame.pending) frame.items[frame.items.length - 1] = child;
    else frame.items.push(child);
    frame.pending = true;
  } else {
    const key = frame.key as string;
    if (!frame.pending) frame.pendingShadowed = Object.hasOwn(frame.entries, key) ? frame.entries[key] : OMIT;
    setOwn(frame.entries, key, child);
    frame.pending = true;
  }
  return frame.isArray ? frame.items : frame.entries;
}

function addLiveChild(frame: Frame, value: unknown): void {
  if (frame.isArray) {
    if (frame.pending) frame.items[frame.items.length - 1] = value;
    else frame.items.push(value);
  } else {
    setOwn(frame.entries, frame.key as string, value);
    frame.key = undefined;
  }
  frame.pending = false;
  frame.pendingShadowed = OMIT;
}

/** Takes a pending child back out (a read that no longer shows it: allow flags, a number turned key). */
function clearPending(frame: Frame): void {
  if (!frame.pending) return;
  if (frame.isArray) frame.items.pop();
  else if (frame.key !== undefined) {
    if (frame.pendingShadowed === OMIT) delete frame.entries[frame.key];
    else setOwn(frame.entries, frame.key, frame.pendingShadowed);
  }
  frame.pending = false;
  frame.pendingShadowed = OMIT;
}

/** The path as an array of keys and indices, root first. */
export function materializePath(node: PathLink): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = node; at !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Sets an own data property, like `JSON.parse` does. Plain assignment would
 * treat a `"__proto__"` key as the prototype setter and drop the entry.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else target[key] = value;
}
