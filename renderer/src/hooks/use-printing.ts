import { useEffect, useState } from 'react';

/**
 * Whether the page is being printed (or shown as print media). The print layout is drawn only then,
 * so the screen keeps just the virtualized rows.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => window.matchMedia('print').matches);
  useEffect(() => {
    const media = window.matchMedia('print');
    const onChange = () => setPrinting(media.matches);
    const before = () => setPrinting(true);
    const after = () => setPrinting(media.matches);
    media.addEventListener('change', onChange);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      media.removeEventListener('change', onChange);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}
