import { describe, expect, it, vi } from 'vitest';
import { createSubscribable } from './subscribable.ts';

describe('createSubscribable', () => {
  it('notifies every listener in order and keeps going past one that throws', async () => {
    const listeners = createSubscribable();
    const calls: string[] = [];
    listeners.subscribe(() => calls.push('a'));
    listeners.subscribe(() => {
      throw new Error('broken subscriber');
    });
    listeners.subscribe(() => calls.push('c'));
    const uncaught = vi.fn();
    process.once('uncaughtException', uncaught);
    listeners.notify();
    expect(calls).toEqual(['a', 'c']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(uncaught).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'broken subscriber' }),
      expect.anything(),
    );
  });

  it('runs onFirst and onLast around the first and last listener only', () => {
    const onFirst = vi.fn();
    const onLast = vi.fn();
    const listeners = createSubscribable({ onFirst, onLast });
    const offA = listeners.subscribe(() => {});
    const offB = listeners.subscribe(() => {});
    expect(onFirst).toHaveBeenCalledTimes(1);
    offA();
    offA(); // a second call is harmless and does not count as another leave
    expect(onLast).not.toHaveBeenCalled();
    offB();
    expect(onLast).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });

  it('counts one function subscribed twice as two subscriptions, each removed by its own unsubscribe', () => {
    const listeners = createSubscribable();
    const listener = vi.fn();
    const off = listeners.subscribe(listener);
    listeners.subscribe(listener);
    off();
    listeners.notify();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not skip a listener when an earlier one unsubscribes it during notify', () => {
    const listeners = createSubscribable();
    const second = vi.fn();
    let offSecond = (): void => {};
    listeners.subscribe(() => offSecond());
    offSecond = listeners.subscribe(second);
    listeners.notify();
    expect(second).toHaveBeenCalledTimes(1);
    listeners.notify();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
