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
      focusInside.current = element.contains(event.relatedTarget as Node | null);
    };
    element.addEventListener('focusin', onFocus);
    element.addEventListener('focusout', onBlur);
    return () => {
      element.removeEventListener('focusin', onFocus);
      element.removeEventListener('focusout', onBlur);
    };
  }, [root]);
}
