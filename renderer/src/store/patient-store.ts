import { create } from 'zustand';
import type { PatientDetail } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';

export interface PatientState {
  /** The patient whose drawer is open. */
  openId: number | null;
  detail: PatientDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  refreshing: boolean;
  /** The outcome of "Refresh from source", shown in the drawer until it closes. */
  refreshResult: { ok: boolean; message: string } | null;
  /** A note or organization change that failed. */
  actionError: string | null;
  savingOrganizations: boolean;
  open(id: number): void;
  close(): void;
  reload(): Promise<void>;
  refreshFromSource(): Promise<void>;
  addNote(body: string): Promise<boolean>;
  updateNote(id: number, body: string): Promise<boolean>;
  removeNote(id: number): Promise<boolean>;
  setOrganizations(ids: number[]): Promise<void>;
  createOrganization(name: string): Promise<boolean>;
}

/** What an edit in the drawer changes elsewhere: the roster's rows, and its list of organizations. */
export interface PatientDeps {
  refreshRoster(): void;
  reloadOrganizations(): void;
}

/** One patient in the drawer: their appointments, the staff's notes and organizations, and a per-patient refresh. */
export function createPatientStore(call: Api['call'], deps: PatientDeps) {
  return create<PatientState>((set, get) => {
    /** Runs a change, then re-reads the patient; false (with the message set) when it failed. */
    const change = async (fn: () => Promise<unknown>): Promise<boolean> => {
      set({ actionError: null });
      try {
        await fn();
        await get().reload();
        return true;
      } catch (err) {
        set({ actionError: messageOf(err) });
        return false;
      }
    };

    return {
      openId: null,
      detail: null,
      status: 'idle',
      error: null,
      refreshing: false,
      refreshResult: null,
      actionError: null,
      savingOrganizations: false,
      open(id) {
        set({ openId: id, detail: null, status: 'loading', error: null, refreshResult: null, actionError: null });
        void get().reload();
      },
      close() {
        set({ openId: null, refreshResult: null, actionError: null });
      },
      async reload() {
        const id = get().openId;
        if (id === null) return;
        try {
          const detail = await call('patients:detail', { id });
          if (get().openId === id) set({ detail, status: 'ready', error: null });
        } catch (err) {
          if (get().openId === id) set({ status: 'error', error: messageOf(err, 'This patient could not be loaded.') });
        }
      },
      async refreshFromSource() {
        const id = get().openId;
        if (id === null) return;
        set({ refreshing: true, refreshResult: null });
        try {
          const detail = await call('patients:refresh', { id });
          if (get().openId === id) {
            set({ detail, refreshing: false, refreshResult: { ok: true, message: `Refreshed from ${detail.sourceName}.` } });
          }
          deps.refreshRoster();
        } catch (err) {
          if (get().openId === id) set({ refreshing: false, refreshResult: { ok: false, message: messageOf(err, 'The refresh failed.') } });
        }
      },
      addNote(body) {
        const id = get().openId;
        return id === null ? Promise.resolve(false) : change(() => call('notes:add', { patientId: id, body }));
      },
      updateNote(id, body) {
        return change(() => call('notes:update', { id, body }));
      },
      removeNote(id) {
        return change(() => call('notes:remove', { id }));
      },
      async setOrganizations(ids) {
        const patientId = get().openId;
        if (patientId === null) return;
        set({ savingOrganizations: true });
        await change(() => call('patients:setOrganizations', { patientId, organizationIds: ids }));
        set({ savingOrganizations: false });
        deps.refreshRoster();
        deps.reloadOrganizations();
      },
      async createOrganization(name) {
        const ok = await change(async () => {
          const org = await call('organizations:create', { name });
          const current = get().detail?.organizations.map((o) => o.id) ?? [];
          const patientId = get().openId;
          if (patientId !== null) await call('patients:setOrganizations', { patientId, organizationIds: [...current, org.id] });
        });
        deps.refreshRoster();
        deps.reloadOrganizations();
        return ok;
      },
    };
  });
}

export type PatientStore = ReturnType<typeof createPatientStore>;
