/** The local cache: encrypted SQLite, migrations, and typed repositories. */
export { openCache, type OpenCacheOptions } from './open-cache';
export type { Cache } from './cache';
export { checkOpenCache } from './integrity-check';
export type { IntegrityCheckReason } from './integrity-policy';
export type { CacheKey } from './cipher';
export { CacheOpenError, type CacheOpenErrorCode } from './errors';
export { resolveCacheKey, keyFilePath, UNENCRYPTED_WARNING, type ResolveCacheKeyOptions, type ResolvedCacheKey } from './cache-key';
export { defaultMigrationsDir } from './migration-files';
export { defaultCacheFile } from './cache-file';
export type { UpsertOutcome, RecordOutcome } from './repos/upsert-outcome';
export type { AppointmentOutcome } from './repos/appointments';
export type { LocalPatientInput } from './repos/patients';
export type { NewSource, SourceChanges, SourceRemoval } from './repos/sources';
export type { NewRun, RunProgress, RunResult } from './repos/runs';
export type { SyncLock } from './repos/locks';
export type { ActivityQuery } from './repos/activity';
export type { OrganizationWithCount } from './repos/organizations';
