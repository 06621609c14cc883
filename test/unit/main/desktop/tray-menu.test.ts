import { describe, expect, it, vi } from 'vitest';
import type { MenuItemSpec } from '../../../../electron/main/desktop/electron-like';
import type { DesktopStatus } from '../../../../electron/main/desktop/ports';
import { presentTray, type TrayActions } from '../../../../electron/main/desktop/tray-menu';

// 16:00 on Tue 4 Mar 2025 in Sydney (UTC+11).
const NOW = new Date('2025-03-04T05:00:00.000Z');

function status(overrides: Partial<DesktopStatus> = {}): DesktopStatus {
  return {
    syncing: false,
    lastRun: { status: 'completed', finishedAt: '2025-03-03T16:02:00.000Z', summary: '3 new and 12 changed appointments' },
    nextRun: '2025-03-04T16:00:00.000Z',
    paused: false,
    resumeAt: null,
    retry: null,
    timeZone: 'Australia/Sydney',
    ...overrides,
  };
}

function actions(): TrayActions & Record<string, ReturnType<typeof vi.fn>> {
  return { syncNow: vi.fn(), cancel: vi.fn(), openConsole: vi.fn(), setPaused: vi.fn(), setOpenAtLogin: vi.fn(), quit: vi.fn() };
}

function visible(items: MenuItemSpec[]): Array<[string | undefined, string, boolean]> {
  return items.filter((item) => item.type !== 'separator').map((item) => [item.id, item.label ?? '', item.enabled !== false]);
}

describe('tray menu built from state', () => {
  it('when idle: sync now, open console, last result and when, next run, pause, quit', () => {
    const tray = presentTray({ status: status(), percent: null, openAtLogin: null, now: NOW }, actions());
    expect(tray.icon).toBe('idle');
    expect(tray.toolTip).toBe('ClinicSync — last sync completed today at 03:02');
    expect(visible(tray.items)).toEqual([
      ['sync-now', 'Sync now', true],
      ['open-console', 'Open console', true],
      ['last-run', 'Last sync: completed, today at 03:02', false],
      ['last-run-summary', '3 new and 12 changed appointments', false],
      ['next-run', 'Next sync: tomorrow at 03:00', false],
      ['toggle-schedule', 'Pause schedule', true],
      ['quit', 'Quit ClinicSync', true],
    ]);
  });

  it('while syncing: the syncing icon, progress instead of Sync now, and a way to cancel', () => {
    const tray = presentTray({ status: status({ syncing: true }), percent: 41.6, openAtLogin: null, now: NOW }, actions());
    expect(tray.icon).toBe('syncing');
    expect(tray.toolTip).toBe('ClinicSync — syncing… 42%');
    expect(visible(tray.items).slice(0, 3)).toEqual([
      ['sync-now', 'Syncing… 42%', false],
      ['cancel-sync', 'Cancel sync', true],
      ['open-console', 'Open console', true],
    ]);
    const unknownTotal = presentTray({ status: status({ syncing: true }), percent: null, openAtLogin: null, now: NOW }, actions());
    expect(unknownTotal.items[0]?.label).toBe('Syncing…');
  });

  it.each([
    ['failed', 'attention'],
    ['partial_success', 'attention'],
    ['abandoned', 'attention'],
    ['completed', 'idle'],
    ['cancelled', 'idle'],
    ['deferred', 'idle'],
  ] as const)('a last run that %s shows the %s icon', (runStatus, icon) => {
    const last = { status: runStatus, finishedAt: '2025-03-03T16:02:00.000Z', summary: '' };
    expect(presentTray({ status: status({ lastRun: last }), percent: null, openAtLogin: null, now: NOW }, actions()).icon).toBe(icon);
  });

  it('says when a failed run happened, and its reason', () => {
    const last = {
      status: 'failed' as const,
      finishedAt: '2025-03-03T08:30:00.000Z',
      summary: 'Cliniko rejected the API key. Check it in Settings → Sources.',
    };
    const tray = presentTray({ status: status({ lastRun: last }), percent: null, openAtLogin: null, now: NOW }, actions());
    expect(tray.toolTip).toBe('ClinicSync — last sync failed yesterday at 19:30');
    expect(tray.items.find((item) => item.id === 'last-run')?.label).toBe('Last sync: failed, yesterday at 19:30');
    expect(tray.items.find((item) => item.id === 'last-run-summary')?.label).toBe(
      'Cliniko rejected the API key. Check it in Settings → Sources.',
    );
  });

  it('before the first sync, when paused, and with a deferred run waiting', () => {
    const first = presentTray({ status: status({ lastRun: null, nextRun: null }), percent: null, openAtLogin: null, now: NOW }, actions());
    expect(visible(first.items).map(([, label]) => label)).toContain('No sync yet');
    expect(visible(first.items).map(([, label]) => label)).toContain('No sync scheduled');
    expect(first.toolTip).toBe('ClinicSync — no sync yet');

    const paused = presentTray({ status: status({ paused: true, nextRun: null }), percent: null, openAtLogin: null, now: NOW }, actions());
    expect(paused.items.find((item) => item.id === 'next-run')?.label).toBe('Schedule paused');
    expect(paused.items.find((item) => item.id === 'toggle-schedule')?.label).toBe('Resume schedule');

    const deferred = presentTray(
      { status: status({ resumeAt: '2025-03-05T13:05:00.000Z' }), percent: null, openAtLogin: null, now: NOW },
      actions(),
    );
    expect(deferred.items.find((item) => item.id === 'resume-at')?.label).toBe('Waiting sync continues on Thu 6 Mar at 00:05');

    const retrying = presentTray(
      {
        status: status({ retry: { at: '2025-03-04T05:05:00.000Z', attempt: 1, attempts: 3 } }),
        percent: null,
        openAtLogin: null,
        now: NOW,
      },
      actions(),
    );
    expect(retrying.items.find((item) => item.id === 'retry-at')).toMatchObject({
      label: 'Failed sync retried today at 16:05 (attempt 1 of 3)',
      enabled: false,
    });
    expect(presentTray({ status: status(), percent: null, openAtLogin: null, now: NOW }, actions()).items.map((i) => i.id)).not.toContain(
      'retry-at',
    );
  });

  it('menu items call the actions', () => {
    const acts = actions();
    const idle = presentTray({ status: status(), percent: null, openAtLogin: false, now: NOW }, acts);
    const click = (items: MenuItemSpec[], id: string) => items.find((item) => item.id === id)?.click?.();
    click(idle.items, 'sync-now');
    click(idle.items, 'open-console');
    click(idle.items, 'toggle-schedule');
    click(idle.items, 'open-at-login');
    click(idle.items, 'quit');
    expect(acts.syncNow).toHaveBeenCalledOnce();
    expect(acts.openConsole).toHaveBeenCalledOnce();
    expect(acts.setPaused).toHaveBeenCalledWith(true);
    expect(acts.setOpenAtLogin).toHaveBeenCalledWith(true);
    expect(acts.quit).toHaveBeenCalledOnce();

    const paused = presentTray({ status: status({ paused: true, syncing: true }), percent: 5, openAtLogin: true, now: NOW }, acts);
    click(paused.items, 'toggle-schedule');
    click(paused.items, 'cancel-sync');
    click(paused.items, 'open-at-login');
    expect(acts.setPaused).toHaveBeenLastCalledWith(false);
    expect(acts.cancel).toHaveBeenCalledOnce();
    expect(acts.setOpenAtLogin).toHaveBeenLastCalledWith(false);
    expect(paused.items.find((item) => item.id === 'open-at-login')).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('shortens a long summary to one line and survives a bad time zone', () => {
    const long = 'word '.repeat(60);
    const tray = presentTray(
      {
        status: status({ timeZone: 'Not/AZone', lastRun: { status: 'failed', finishedAt: NOW.toISOString(), summary: long } }),
        percent: null,
        openAtLogin: null,
        now: NOW,
      },
      actions(),
    );
    const summary = tray.items.find((item) => item.id === 'last-run-summary')?.label ?? '';
    expect(summary.length).toBeLessThanOrEqual(90);
    expect(summary.endsWith('…')).toBe(true);
    expect(JSON.stringify(tray)).not.toContain('Invalid');
  });
});
