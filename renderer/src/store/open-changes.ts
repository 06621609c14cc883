import { useStore } from 'zustand';
import { api } from '../api/client';
import { createOpenChangesStore } from './open-changes-store';

/** The app's count of changes still to do; `main.tsx` binds it to events. */
export const openChanges = createOpenChangesStore((channel, input) => api.call(channel, input));

export function useOpenChangesCount(): number | null {
  return useStore(openChanges, (s) => s.count);
}
