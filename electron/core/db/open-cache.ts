import { existsSync, statSync } from 'node:fs';
import type { Notice } from '../notices';
import { createCache, type Cache } from './cache';
import { UNENCRYPTED_WARNING } from './cache-key';
import type { CacheKey } from './cipher';
import { openConnection } from './connection';
import { isDamaged, moveAside } from './damage';
import { createFirstLoadDeferral, finishBeforeMigrating } from './first-load-deferral';
import { integrityCheckReason, type IntegrityCheckReason } from './integrity-policy';
import { hasPendingMigrations, migrate } from './migrate';
import { defaultMigrationsDir, readMigrationFiles } from './migration-files';
import { abandonedMarks, clearMarks, lastIntegrityCheck, markOpen, recordIntegrityCheck } from './open-markers';
import { restoreLocalData, salvageLocalData, type RestoreSummary, type Salvage } from './salvage';

export interface OpenCacheOptions {
  file: string;
  key: CacheKey;
  /** Things the user must be told (unencrypted cache, damaged cache moved aside). */
  onNotice?: (notice: Notice) => void;
  /** Defaults to defaultMigrationsDir(). */
  migrationsDir?: string;
  /** The clock, for migration records and the damaged file's name. */
  now?: () => Date;
  /** Check every page now whatever the schedule says (Settings, `clinicsync check-cache`). */
  checkIntegrity?: boolean;
  /** Told whether this open checked the file's integrity, and why (benchmarks, `check-cache`). */
  onIntegrityCheck?: (reason: IntegrityCheckReason | null) => void;
}

/**
 * Opens (creating when absent) and migrates the local cache. Throws CacheOpenError for a wrong or
 * missing key, migrations that differ from this app's, or a cache from a newer app — in each case
 * without changing the file. When integrityCheckReason says so (after an unclean shutdown, weekly,
 * on demand), every page is checked first; a damaged cache is moved aside, its local-only data
 * carried over to a fresh cache, and the user told.
 */
export function openCache(options: OpenCacheOptions): Cache {
  const notify = options.onNotice ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const migrations = readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir());
  if (options.key.kind === 'unencrypted') notify({ level: 'warn', message: UNENCRYPTED_WARNING });

  const abandoned = abandonedMarks(options.file);
  const reason = integrityCheckReason({
    requested: options.checkIntegrity === true,
    uncleanShutdown: abandoned.length > 0,
    lastCheckedAt: lastIntegrityCheck(options.file),
    newFile: !existsSync(options.file) || statSync(options.file).size === 0,
    now: now(),
  });
  let db = openConnection(options.file, options.key);
  let damaged: { salvage: Salvage; movedTo: string } | null = null;
  if (reason !== null && isDamaged(db)) {
    const salvage = salvageLocalData(db);
    db.close();
    damaged = { salvage, movedTo: moveAside(options.file, now()) };
    db = openConnection(options.file, options.key);
  }
  try {
    if (hasPendingMigrations(db, migrations)) finishBeforeMigrating(db);
    migrate(db, migrations, now().toISOString());
    // Indexes a first load left out, whose run has ended some other way than through this cache.
    createFirstLoadDeferral(db).finishEnded();
    if (damaged) notify({ level: 'error', message: damagedMessage(damaged.movedTo, restoreLocalData(db, damaged.salvage)) });
  } catch (error) {
    db.close();
    throw error;
  }
  // A fresh file counts as checked: the week runs from its creation.
  if (reason !== null || lastIntegrityCheck(options.file) === null) recordIntegrityCheck(options.file, now());
  clearMarks(abandoned);
  options.onIntegrityCheck?.(reason);
  return withOpenMark(createCache(db, options.file));
}

/** Marks the cache open until it is closed, so a crash while open is noticed by the next open. */
function withOpenMark(cache: Cache): Cache {
  const mark = markOpen(cache.file);
  const close = cache.close;
  return {
    ...cache,
    close: () => {
      close();
      mark.release();
    },
  };
}

function damagedMessage(movedTo: string, restored: RestoreSummary): string {
  const kept = [
    count(restored.sources, 'connection'),
    count(restored.organizations, 'organization'),
    count(restored.organizationLinks, 'organization membership'),
    count(restored.notes, 'staff note'),
  ].join(', ');
  const lost =
    restored.unreadable.length > 0 || restored.skipped > 0
      ? ' Some of that information could not be read from the damaged file and was not recovered.'
      : '';
  return (
    `The local cache file was damaged, so ClinicSync moved it aside to ${movedTo} and started a fresh one. ` +
    `Recovered from it: ${kept}.${lost} Patients and appointments will be filled in again by the next sync.`
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
