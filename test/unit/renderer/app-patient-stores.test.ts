import { describe, expect, it, vi } from 'vitest';
import type { AppInfo, PatientDetail } from '../../../electron/contract';
import { ApiError } from '../../../renderer/src/api/transport';
import { bindApp, createAppStore } from '../../../renderer/src/store/app-store';
import { createPatientStore } from '../../../renderer/src/store/patient-store';
import { fakeApi, settle } from './support/fake-api';

describe('the app store', () => {
  function boundApp(api: ReturnType<typeof fakeApi>, hash = '#/changes') {
    const location = { hash };
    const hashListeners = new Set<() => void>();
    const refusals = new Set<(message: string) => void>();
    const store = createAppStore(api.call, location);
    bindApp(
      store,
      {
        on: api.on,
        onConnectionChange: api.onConnectionChange,
        onAccessRefused: (l) => (refusals.add(l), () => refusals.delete(l)),
        onHashChange: (l) => (hashListeners.add(l), () => hashListeners.delete(l)),
      },
      location,
    );
    const goTo = (next: string) => ((location.hash = next), hashListeners.forEach((l) => l()));
    const refuse = (message: string) => refusals.forEach((l) => l(message));
    return { store, location, goTo, refuse };
  }

  it('opens the page the address names, writes the address on navigation, and follows back and forward', () => {
    const { store, location, goTo } = boundApp(fakeApi());
    expect(store.getState().page).toBe('changes');
    store.getState().fixSource('north');
    expect(location.hash).toBe('#/settings');
    expect(store.getState()).toMatchObject({ page: 'settings', sourceToFix: 'north' });
    goTo('#/history');
    expect(store.getState().page).toBe('history');
  });

  it('shows notices as the service sends them, and a refused tab as it happens', async () => {
    const api = fakeApi({
      'app:info': () => ({ version: '1.0.0' }) as unknown as AppInfo,
      'app:notices': () => [{ level: 'info', message: 'Welcome back.' }],
    });
    const { store, refuse } = boundApp(api);
    await store.getState().load();
    api.emit('app:notice', { level: 'warn', message: 'The cache was repaired.' });
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Welcome back.', 'The cache was repaired.']);
    store.getState().dismissNotice(0);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['The cache was repaired.']);
    refuse('This link has expired. Open the console from ClinicSync again.');
    expect(store.getState().accessRefused).toMatch(/expired/);
    expect(store.getState().loadError).toBeNull();
  });

  it('says the service could not be reached, or the service’s own reason', async () => {
    const { store } = boundApp(fakeApi());
    await store.getState().load();
    expect(store.getState().loadError).toBe('ClinicSync could not be reached.');
    const refusing = boundApp(
      fakeApi({
        'app:info': () => {
          throw new ApiError({ code: 'cache_locked', message: 'The cache is open in another ClinicSync.' });
        },
      }),
    ).store;
    await refusing.getState().load();
    expect(refusing.getState().loadError).toBe('The cache is open in another ClinicSync.');
  });
});

describe('the patient store', () => {
  const detail = (id: number, notes: string[] = []) =>
    ({ id, sourceName: 'Northside', notes: notes.map((body, i) => ({ id: i + 1, body })), organizations: [] }) as unknown as PatientDetail;

  function patientApi() {
    const notes = new Map<number, string[]>();
    const api = fakeApi({
      'patients:detail': (input) => detail((input as { id: number }).id, notes.get((input as { id: number }).id)),
      'notes:add': (input) => {
        const { patientId, body } = input as { patientId: number; body: string };
        notes.set(patientId, [...(notes.get(patientId) ?? []), body]);
        return {};
      },
      'patients:setOrganizations': () => ({}),
    });
    const roster = { refreshRoster: vi.fn(), reloadOrganizations: vi.fn() };
    return { api, roster, store: createPatientStore(api.call, roster) };
  }

  it('opens a patient, and shows a note once the service has kept it', async () => {
    const { api, store } = patientApi();
    store.getState().open(5);
    expect(store.getState().status).toBe('loading');
    await settle();
    expect(await store.getState().addNote('Prefers mornings')).toBe(true);
    expect(store.getState().detail).toMatchObject({ id: 5, notes: [{ body: 'Prefers mornings' }] });
    expect(api.calls.map((c) => c.channel)).toEqual(['patients:detail', 'notes:add', 'patients:detail']);
  });

  it('shows the patient opened last when an earlier answer arrives late', async () => {
    const { api, store } = patientApi();
    const late: Array<() => void> = [];
    api.handlers['patients:detail'] = (input) => new Promise((resolve) => late.push(() => resolve(detail((input as { id: number }).id))));
    store.getState().open(5);
    store.getState().open(6);
    await settle();
    late[1]?.();
    await settle();
    late[0]?.();
    await settle();
    expect(store.getState()).toMatchObject({ openId: 6, status: 'ready', detail: { id: 6 } });
  });

  it('keeps the drawer open and says why when a change fails, and tells the roster about organizations', async () => {
    const { api, roster, store } = patientApi();
    store.getState().open(5);
    await settle();
    delete api.handlers['notes:add'];
    expect(await store.getState().addNote('Lost?')).toBe(false);
    expect(store.getState()).toMatchObject({ status: 'ready', actionError: expect.stringMatching(/disconnected/) });

    await store.getState().setOrganizations([3]);
    expect(api.calls.find((c) => c.channel === 'patients:setOrganizations')?.input).toEqual({ patientId: 5, organizationIds: [3] });
    expect(store.getState()).toMatchObject({ savingOrganizations: false, actionError: null });
    expect([roster.refreshRoster.mock.calls.length, roster.reloadOrganizations.mock.calls.length]).toEqual([1, 1]);

    await store.getState().refreshFromSource();
    expect(store.getState()).toMatchObject({ refreshing: false, refreshResult: { ok: false } });
    expect(roster.refreshRoster).toHaveBeenCalledTimes(1); // nothing was refreshed, so the roster is left alone
  });
});
