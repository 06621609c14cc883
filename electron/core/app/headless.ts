import { defaultCacheFile, openCache, resolveCacheKey } from '../db';
import { FileLog, logDirOf } from '../log/app-log';
import { ALLOW_PRIVATE_API_HOSTS_ENV } from '../security/base-url-policy';
import { ensureOwnerOnlyDir } from '../security/owner-only';
import { CacheSecretStore } from '../secrets/cache-secret-store';
import { AppService, type AppServiceOptions } from '../service';
import { FileSettingsStore } from '../settings/file-settings-store';

export interface HeadlessOptions extends Pick<
  AppServiceOptions,
  'name' | 'version' | 'demo' | 'connectorOptions' | 'now' | 'cron' | 'deskName' | 'processId' | 'connectionTestTimeoutMs'
> {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Where generated cache keys live (default: beside the data folder, never in it). */
  keyDir?: string;
  /** Check every page of the cache on open, whatever the schedule says (`clinicsync check-cache`). */
  checkIntegrity?: boolean;
}

/**
 * The service as the CLI and the browser host run it: the cache key from CLINICSYNC_DB_KEY or an
 * owner-only key file, API keys inside the encrypted cache, settings in a JSON file, and a PHI-free log
 * in `<data folder>/logs`.
 */
export function openHeadlessService(options: HeadlessOptions): AppService {
  const notices: Array<{ level: 'info' | 'warn' | 'error'; message: string }> = [];
  const tightened = ensureOwnerOnlyDir(options.dataDir);
  if (tightened) notices.push({ level: 'warn', message: tightened });
  const resolved = resolveCacheKey({ dataDir: options.dataDir, env: options.env, keyDir: options.keyDir });
  const cache = openCache({
    file: defaultCacheFile(options.dataDir),
    key: resolved.key,
    checkIntegrity: options.checkIntegrity,
    onNotice: (notice) => notices.push(notice),
  });
  const settings = new FileSettingsStore(options.dataDir, (message) => notices.push({ level: 'warn', message }));
  const log = new FileLog(logDirOf(options.dataDir), options.now);
  const service = new AppService({
    ...options,
    allowPrivateApiHosts: (options.env ?? process.env)[ALLOW_PRIVATE_API_HOSTS_ENV] === '1',
    cache,
    settings,
    log,
    secrets: new CacheSecretStore(cache.credentials, options.now),
  });
  for (const notice of notices) {
    service.notices.add(notice);
    log.write(notice.level === 'error' ? 'error' : 'warn', notice.message);
  }
  return service;
}
