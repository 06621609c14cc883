import { z } from 'zod';
import {
  APPOINTMENT_STATUSES,
  ROSTER_COUNT_MODES,
  ROSTER_SORT_FIELDS,
  type Organization,
  type OrganizationView,
  type PatientDetail,
  type PatientNote,
  type RosterCounts,
  type RosterPage,
} from '../core/domain';
import { defineChannel } from './define';
import { displayName, empty, localId, pageWindow, sourceId, text } from './limits';

export const rosterChannels = {
  'roster:query': defineChannel<RosterPage>()(
    z
      .object({
        search: z.string().max(200).optional(),
        source: sourceId.optional(),
        organizationId: localId.optional(),
        affiliated: z.boolean().optional(),
        hasUpcoming: z.boolean().optional(),
        status: z.enum(APPOINTMENT_STATUSES).optional(),
        archived: z.boolean().optional(),
        removed: z.boolean().optional(),
        hasRemoteId: z.boolean().optional(),
        sort: z
          .object({ field: z.enum(ROSTER_SORT_FIELDS), dir: z.enum(['asc', 'desc']) })
          .strict()
          .default({ field: 'name', dir: 'asc' }),
        /** 'none' for the further windows of a filter whose total the first window brought. */
        count: z.enum(ROSTER_COUNT_MODES).default('auto'),
        ...pageWindow(500),
      })
      .strict(),
  ),
  /** The counters above the roster, in one request. */
  'roster:counts': defineChannel<RosterCounts>()(empty),
  'patients:detail': defineChannel<PatientDetail>()(z.object({ id: localId }).strict()),
  /** Pulls this one patient and their appointments again from the source. */
  'patients:refresh': defineChannel<PatientDetail>()(z.object({ id: localId }).strict()),
  'patients:setOrganizations': defineChannel<Organization[]>()(
    z.object({ patientId: localId, organizationIds: z.array(localId).max(100) }).strict(),
  ),
  'notes:add': defineChannel<PatientNote>()(z.object({ patientId: localId, body: text('Note', 5000) }).strict()),
  'notes:update': defineChannel<PatientNote>()(z.object({ id: localId, body: text('Note', 5000) }).strict()),
  'notes:remove': defineChannel<{ removed: boolean }>()(z.object({ id: localId }).strict()),
  'organizations:list': defineChannel<OrganizationView[]>()(empty),
  'organizations:create': defineChannel<Organization>()(z.object({ name: displayName('Organization name', 120) }).strict()),
  'organizations:rename': defineChannel<Organization>()(z.object({ id: localId, name: displayName('Organization name', 120) }).strict()),
  'organizations:remove': defineChannel<{ removed: boolean }>()(z.object({ id: localId }).strict()),
};
