import { Activity, CalendarClock, CalendarDays, History, Info, RefreshCw, Settings, Users } from 'lucide-react';
import type { ComponentType } from 'react';
import { hashOf, PAGE_TITLES, type Page } from '../../lib/routes';
import { useAppStore, useOpenChangesCount, useSyncRunsStore } from '../../store/instances';
import { formatCount } from '../../lib/format';
import { ICON_ONLY_NAV, useMediaQuery } from '../../hooks/use-media-query';
import { Tooltip } from '../ui';

const MAIN: Array<{ page: Page; icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }> }> = [
  { page: 'roster', icon: Users },
  { page: 'appointments', icon: CalendarDays },
  { page: 'sync', icon: RefreshCw },
  { page: 'changes', icon: CalendarClock },
  { page: 'history', icon: History },
  { page: 'settings', icon: Settings },
];

/** The main navigation: plain links to hash routes, so the keyboard, middle-click and back button all work. */
export function Sidebar() {
  const page = useAppStore((s) => s.page);
  const navigate = useAppStore((s) => s.navigate);
  const syncing = useSyncRunsStore((s) => Object.keys(s.progress).length > 0);
  const openChanges = useOpenChangesCount();
  // Icons only in narrow windows: each link names itself in a tooltip, on hover and on keyboard focus.
  const iconOnly = useMediaQuery(ICON_ONLY_NAV);

  // The tooltip says what the badge on the icon means, too.
  const hint = (target: Page): string => {
    if (target === 'changes' && openChanges) return `Changes: ${formatCount(openChanges)} still to do`;
    if (target === 'sync' && syncing) return 'Sync: syncing now';
    return PAGE_TITLES[target];
  };

  const link = (target: Page, Icon: (typeof MAIN)[number]['icon']) => {
    const anchor = (
      <a
        key={target}
        href={hashOf(target)}
        className="nav-link"
        aria-current={page === target ? 'page' : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          navigate(target);
        }}
      >
        <Icon size={16} aria-hidden />
        <span className="nav-label">{PAGE_TITLES[target]}</span>
        {target === 'changes' && openChanges !== null && openChanges > 0 && (
          <span className="nav-count" data-testid="nav-open-changes">
            <span aria-hidden="true">{openChanges > 999 ? '999+' : formatCount(openChanges)}</span>
            <span className="sr-only">, {formatCount(openChanges)} still to do</span>
          </span>
        )}
        {target === 'sync' && syncing && (
          <span className="nav-live">
            <Activity size={12} aria-hidden />
            <span className="nav-live-text">Live</span>
          </span>
        )}
      </a>
    );
    return iconOnly ? (
      <Tooltip key={target} content={hint(target)} side="right">
        {anchor}
      </Tooltip>
    ) : (
      anchor
    );
  };

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          CS
        </span>
        <span className="brand-name">ClinicSync</span>
      </div>
      <nav aria-label="Main" className="nav">
        {MAIN.map(({ page: target, icon }) => link(target, icon))}
        <div className="nav-bottom">{link('about', Info)}</div>
      </nav>
    </aside>
  );
}
