import type { BudgetStore } from '../domain';
import { createActivityRepo } from './repos/activity';
import { createAppointmentsRepo } from './repos/appointments';
import { createBudgetStore } from './repos/budgets';
import { createChangesRepo } from './repos/changes';
import { createCursorsRepo } from './repos/cursors';
import { createLocksRepo } from './repos/locks';
import { createNextAppointments } from './repos/next-appointments';
import { createNotesRepo } from './repos/notes';
import { createOrganizationsRepo } from './repos/organizations';
import { createPatientsRepo } from './repos/patients';
import { createPractitionersRepo } from './repos/practitioners';
import { createRosterRepo } from './repos/roster';
import { createRunsRepo } from './repos/runs';
import { createSourcesRepo } from './repos/sources';
import type { Db } from './sqlite';

/** The open local cache: its connection and one repository per table group. */
export interface Cache {
  readonly db: Db;
  readonly file: string;
  /**
   * Runs `fn` in one transaction (a savepoint when nested), e.g. a page upsert together with the
   * cursor that covers it. Throwing inside rolls the whole of it back.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
  readonly sources: ReturnType<typeof createSourcesRepo>;
  readonly practitioners: ReturnType<typeof createPractitionersRepo>;
  readonly patients: ReturnType<typeof createPatientsRepo>;
  readonly appointments: ReturnType<typeof createAppointmentsRepo>;
  readonly changes: ReturnType<typeof createChangesRepo>;
  readonly runs: ReturnType<typeof createRunsRepo>;
  readonly locks: ReturnType<typeof createLocksRepo>;
  readonly activity: ReturnType<typeof createActivityRepo>;
  readonly cursors: ReturnType<typeof createCursorsRepo>;
  readonly budgets: BudgetStore;
  readonly organizations: ReturnType<typeof createOrganizationsRepo>;
  readonly notes: ReturnType<typeof createNotesRepo>;
  readonly roster: ReturnType<typeof createRosterRepo>;
}

/** Wires the repositories over an open, migrated connection. */
export function createCache(db: Db, file: string): Cache {
  const nextAppointments = createNextAppointments(db);
  const changes = createChangesRepo(db);
  return {
    db,
    file,
    transaction: (fn) => db.transaction(fn)(),
    close: () => {
      db.close();
    },
    sources: createSourcesRepo(db),
    practitioners: createPractitionersRepo(db),
    patients: createPatientsRepo(db, nextAppointments),
    appointments: createAppointmentsRepo(db, changes, nextAppointments),
    changes,
    runs: createRunsRepo(db, nextAppointments),
    locks: createLocksRepo(db),
    activity: createActivityRepo(db),
    cursors: createCursorsRepo(db),
    budgets: createBudgetStore(db),
    organizations: createOrganizationsRepo(db),
    notes: createNotesRepo(db),
    roster: createRosterRepo(db, nextAppointments),
  };
}
