'use client';
import { useLayoutEffect, useRef } from 'react';

/**
 * When the answer finishes while the Stop button has keyboard focus, the button goes
 * away and focus would fall to the page body: keyboard and screen-reader users would
 * lose their place. Focus moves to `root` (give it `tabIndex={-1}`) instead.
 */
export function useKeepFocus(root: { readonly current: HTMLElement | null }, running: boolean): void {
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    if (running) {
      focusInside.current = element.contains(element.ownerDocument.activeElement);
      return;
    }
    const active = element.ownerDocument.activeElement;
    if (focusInside.current && (active === null || active === element.ownerDocument.body)) element.focus();
  });
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    const onFocus = (): void => {
      focusInside.current = true;
    };
    const onBlur = (event: FocusEvent): void => {
      if (element.contains(event.relatedTarget as Node | null)) return;
      const target = event.target as Node | null;
      if (event.relatedTarget === null && target) {
        // Chromium fires focusout (relatedTarget null) while removing the focused element, i.e.
        // during the very commit that takes the Stop button away, before the layout effect above
        // runs: forgetting the focus now would let it fall to the body. Decide once the removal
        // is known: a button still in the document was left by the user.
        queueMicrotask(() => {
          if (target.isConnected) focusInside.current = false;
        });
        return;
      }
      focusInside.current = false;
    };
    element.addEventListener('focusin', onFocus);
    element.addEventListener('focusout', onBlur);
    return () => {
      element.removeEventListener('focusin', onFocus);
      element.removeEventListener('focusout', onBlur);
    };
  }, [root]);
}
