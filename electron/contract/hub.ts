import { z } from 'zod';
import type { HubStatus } from '../core/domain';
import { defineChannel } from './define';
import { empty } from './limits';

export type { HubStatus };

const hubUrl = z
  .string({ error: 'The hub address must be text.' })
  .trim()
  .min(1, { error: 'Enter the hub’s address: postgres://user@host:5432/database.' })
  .max(2000, { error: 'The hub address is too long.' });
const password = z.string({ error: 'The password must be text.' }).max(1000, { error: 'The password is too long.' }).optional();

/** The clinic hub: several desks sharing one synced truth through PostgreSQL (Settings → Share with other desks). */
export const hubChannels = {
  'hub:status': defineChannel<HubStatus>()(empty),
  /** Creates the hub and the clinic key; the join code comes back once and is never shown again. */
  'hub:init': defineChannel<{ joinCode: string }>()(z.object({ url: hubUrl, password }).strict()),
  'hub:join': defineChannel<HubStatus>()(
    z
      .object({
        url: hubUrl,
        password,
        joinCode: z.string({ error: 'Paste the join code.' }).trim().min(1, { error: 'Paste the join code.' }).max(200),
      })
      .strict(),
  ),
  'hub:leave': defineChannel<{ reachedHub: boolean }>()(empty),
};
