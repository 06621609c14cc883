export type Appearance = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/** The theme to draw: the user's choice, or the system's when they follow it. */
export function resolveTheme(appearance: Appearance, systemPrefersDark: boolean): Theme {
  if (appearance === 'system') return systemPrefersDark ? 'dark' : 'light';
  return appearance;
}

const query = (): MediaQueryList | null =>
  typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

/** Sets data-theme on <html> and keeps following the system while `appearance` is "system". */
export function applyAppearance(appearance: Appearance): () => void {
  const media = query();
  const apply = (): void => {
    document.documentElement.dataset.theme = resolveTheme(appearance, media?.matches ?? false);
  };
  apply();
  if (appearance !== 'system' || !media) return () => undefined;
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}
