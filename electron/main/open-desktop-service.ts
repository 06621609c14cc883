import { defaultCacheFile, openCache } from '../core/db';
import { FileLog, logDirOf } from '../core/log/app-log';
import type { Notice } from '../core/notices';
import { keyFilePath } from '../core/db/cache-key';
import { defaultKeyDir } from '../core/paths';
import { ALLOW_PRIVATE_API_HOSTS_ENV } from '../core/security/base-url-policy';
import { ensureOwnerOnlyDir } from '../core/security/owner-only';
import { AppService } from '../core/service';
import { emulatedDemoPractice } from '../handlers/demo-practice';
import { offerToRemoveAdoptedKeyFile } from './desktop/adopted-key-file';
import {
  askYesNo,
  createElectronSettingsStore,
  createSafeStorageSecretStore,
  desktopState,
  loadElectronCacheKey,
} from './desktop/electron-adapters';

/**
 * The service as the desktop app runs it: the cache key and API keys kept with Electron's safeStorage
 * (the OS keychain), settings in electron-store, the PHI-free log in `<userData>/logs`.
 */
export async function openDesktopService(options: { userData: string; version: string }) {
  const { userData } = options;
  const tightened = ensureOwnerOnlyDir(userData);
  const log = new FileLog(logDirOf(userData));
  const notices: Notice[] = tightened ? [{ level: 'warn', message: tightened }] : [];
  const onNotice = (message: string) => notices.push({ level: 'warn', message });
  const { state, consent } = desktopState(userData);
  const settings = createElectronSettingsStore(userData, onNotice);
  const secrets = createSafeStorageSecretStore({ userDataDir: userData, consent, onNotice, log: (line) => log.write('info', line) });
  const keyDir = defaultKeyDir();
  const { key, origin } = await loadElectronCacheKey({ dataDir: userData, keyDir, consent, log: (line) => log.write('info', line) });
  await offerToRemoveAdoptedKeyFile({
    origin,
    file: keyFilePath(keyDir, userData),
    ask: askYesNo,
    notify: (notice) => notices.push(notice),
    log: (line) => log.write('info', line),
  });
  const cache = openCache({ file: defaultCacheFile(userData), key, onNotice: (notice) => notices.push(notice) });
  const service = new AppService({
    name: 'ClinicSync',
    version: options.version,
    dataDir: userData,
    cache,
    secrets,
    settings,
    log,
    demo: emulatedDemoPractice(userData),
    allowPrivateApiHosts: process.env[ALLOW_PRIVATE_API_HOSTS_ENV] === '1',
  });
  for (const notice of notices) service.notices.add(notice);
  return { service, state, log };
}
