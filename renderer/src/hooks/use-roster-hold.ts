import { useEffect, type RefObject } from 'react';
import { rosterStore } from '../store/instances';

/**
 * Tells the roster store while the pointer is over the table or focus is inside it, so a running
 * sync's live updates do not move the rows under the user's hand; they follow on release or scroll.
 */
export function useRosterHold(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const { setEngaged } = rosterStore.getState();
    let pointer = false;
    let focus = false;
    const update = (): void => setEngaged(pointer || focus);
    const handlers: Array<[string, (event: Event) => void]> = [
      ['pointerenter', () => ((pointer = true), update())],
      ['pointerleave', () => ((pointer = false), update())],
      ['focusin', () => ((focus = true), update())],
      ['focusout', (event) => ((focus = element.contains((event as FocusEvent).relatedTarget as Node | null)), update())],
    ];
    for (const [name, handler] of handlers) element.addEventListener(name, handler);
    return () => {
      for (const [name, handler] of handlers) element.removeEventListener(name, handler);
      setEngaged(false);
    };
  }, [ref]);
}
