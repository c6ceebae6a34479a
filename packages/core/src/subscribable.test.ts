import { describe, expect, it, vi } from 'vitest';
import { createSubscribable } from './subscribable.ts';

describe('createSubscribable', () => {
  it('notifies every listener in order past one that throws, and reports the error without ending the process', async () => {
    const listeners = createSubscribable();
    const calls: string[] = [];
    listeners.subscribe(() => calls.push('a'));
    listeners.subscribe(() => {
      throw new Error('broken subscriber');
    });
    listeners.subscribe(() => calls.push('c'));
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      listeners.notify();
      expect(calls).toEqual(['a', 'c']);
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Node has no reportError: the console, never an uncaught exception.
      expect(uncaught).not.toHaveBeenCalled();
      expect(logged).toHaveBeenCalledWith(
        expect.any(String),
        expect.objectContaining({ message: 'broken subscriber' }),
      );
      const reported = vi.fn();
      vi.stubGlobal('reportError', reported);
      listeners.notify();
      expect(reported).toHaveBeenCalledWith(expect.objectContaining({ message: 'broken subscriber' }));
    } finally {
      process.off('uncaughtException', uncaught);
      logged.mockRestore();
      vi.unstubAllGlobals();
    }
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
