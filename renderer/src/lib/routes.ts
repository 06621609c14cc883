/** The console's pages, addressed by the URL hash (#/roster) so reloads and the back button work. */
export const PAGES = ['roster', 'appointments', 'sync', 'changes', 'history', 'settings', 'about'] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_TITLES: Record<Page, string> = {
  roster: 'Roster',
  appointments: 'Appointments',
  sync: 'Sync',
  changes: 'Changes',
  history: 'History',
  settings: 'Settings',
  about: 'About',
};

/** "#/settings" → "settings"; anything unknown → the roster. */
export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'roster';
}

export function hashOf(page: Page): string {
  return `#/${page}`;
}
