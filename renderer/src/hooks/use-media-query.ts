import { useSyncExternalStore } from 'react';

/** The sidebar shows icons only at this width and below (keep in step with layout.css). */
export const ICON_ONLY_NAV = '(max-width: 1100px)';

/** Whether a CSS media query matches now; re-renders when the window crosses it. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(query);
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
