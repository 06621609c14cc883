import type { BudgetStore, RecentRequestLog } from '../domain';
import { createFirstLoadDeferral } from './first-load-deferral';
import { createActivityRepo, type ActivityRepo } from './repos/activity';
import { createAppointmentsRepo, type AppointmentsRepo } from './repos/appointments';
import { createBudgetStore } from './repos/budgets';
import { createChangesRepo, type ChangesRepo } from './repos/changes';
import { createCredentialsRepo, type CredentialsRepo } from './repos/credentials';
import { createCursorsRepo, type CursorsRepo } from './repos/cursors';
import { createDaySheetRepo, type DaySheetRepo } from './repos/day-sheet';
import { createInitialLoads } from './repos/initial-load';
import { createHistoryRetentionRepo, type HistoryRetentionRepo } from './repos/history-retention';
import { createLocksRepo, type LocksRepo } from './repos/locks';
import { createNextAppointments } from './repos/next-appointments';
import { createNotesRepo, type NotesRepo } from './repos/notes';
import { createOrganizationsRepo, type OrganizationsRepo } from './repos/organizations';
import { createPatientsRepo, type PatientsRepo } from './repos/patients';
import { createRecentRequestLog } from './repos/recent-requests';
import { createPractitionersRepo, type PractitionersRepo } from './repos/practitioners';
import { createRosterRepo, type RosterRepo } from './repos/roster';
import { createRunsRepo, type RunsRepo } from './repos/runs';
import { createSourcesRepo, type SourcesRepo } from './repos/sources';
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
  /** Writes the write-ahead log's pages into the cache file without waiting for anyone (a passive checkpoint). */
  flushLog(): void;
  close(): void;
  readonly sources: SourcesRepo;
  readonly practitioners: PractitionersRepo;
  readonly patients: PatientsRepo;
  readonly appointments: AppointmentsRepo;
  readonly changes: ChangesRepo;
  readonly runs: RunsRepo;
  readonly locks: LocksRepo;
  readonly activity: ActivityRepo;
  readonly cursors: CursorsRepo;
  readonly budgets: BudgetStore;
  readonly recentRequests: RecentRequestLog;
  readonly organizations: OrganizationsRepo;
  readonly notes: NotesRepo;
  readonly roster: RosterRepo;
  readonly credentials: CredentialsRepo;
  readonly daySheet: DaySheetRepo;
  readonly retention: HistoryRetentionRepo;
}

/** Wires the repositories over an open, migrated connection. */
export function createCache(db: Db, file: string): Cache {
  const firstLoad = createFirstLoadDeferral(db);
  const nextAppointments = createNextAppointments(db, firstLoad);
  const changes = createChangesRepo(db);
  const initialLoads = createInitialLoads(db);
  return {
    db,
    file,
    transaction: (fn) => db.transaction(fn)(),
    flushLog: () => {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => {
      db.close();
    },
    sources: createSourcesRepo(db),
    practitioners: createPractitionersRepo(db),
    patients: createPatientsRepo(db, nextAppointments, initialLoads, firstLoad),
    appointments: createAppointmentsRepo(db, changes, nextAppointments, initialLoads, firstLoad),
    changes,
    runs: createRunsRepo(db, nextAppointments, firstLoad),
    locks: createLocksRepo(db),
    activity: createActivityRepo(db),
    cursors: createCursorsRepo(db),
    budgets: createBudgetStore(db),
    recentRequests: createRecentRequestLog(db),
    organizations: createOrganizationsRepo(db),
    notes: createNotesRepo(db),
    roster: createRosterRepo(db, nextAppointments, firstLoad),
    credentials: createCredentialsRepo(db),
    daySheet: createDaySheetRepo(db),
    retention: createHistoryRetentionRepo(db),
  };
}
