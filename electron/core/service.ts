import { Connections, type ConnectorOptions } from './app/connections';
import { DaySheetArea } from './app/day-sheet-area';
import type { DemoPractice } from './app/demo-practice';
import { exportChunks, type ExportFormat, type ExportKind } from './app/exports';
import { HistoryArea } from './app/history-area';
import { hostName, processIdentity } from './app/process-identity';
import { RosterArea } from './app/roster-area';
import { ScheduleArea } from './app/schedule-area';
import { ScheduleStateFile } from './app/schedule-state-file';
import { ServiceEvents } from './app/service-events';
import { SettingsArea } from './app/settings-area';
import { SourcesArea } from './app/sources-area';
import { writeSupportBundle } from './app/support-bundle';
import { SyncCoordinator } from './app/sync-coordinator';
import { checkOpenCache, type Cache } from './db';
import type { CacheCheckResult, SourceView, SupportBundleResult, SyncStatusView } from './domain';
import { clinicSyncStarter, type SyncStarter } from './hub/clinic-start';
import { HubArea } from './hub/hub-area';
import type { AppLog } from './log/app-log';
import { NoticeBoard, type Notice } from './notices';
import type { CronLike } from './schedule';
import type { SecretStore } from './secrets/secret-store';
import { BaseUrlPolicy } from './security/base-url-policy';
import type { SettingsStore } from './settings/app-settings';
import { logDirOf } from './log/app-log';

export interface AppServiceOptions {
  name: string;
  version: string;
  dataDir: string;
  cache: Cache;
  secrets: SecretStore;
  settings: SettingsStore;
  log: AppLog;
  demo?: DemoPractice | null;
  /** Tests and benchmarks point connectors at time-compressed emulators. */
  connectorOptions?: ConnectorOptions;
  /** How long a connection test waits for an answer (default 15 s; tests shorten it). */
  connectionTestTimeoutMs?: number;
  /** Lets sources use local-network API addresses (CLINICSYNC_ALLOW_PRIVATE_API_HOSTS=1); see base-url-policy.ts. */
  allowPrivateApiHosts?: boolean;
  now?: () => Date;
  /** "host:pid" recorded on runs; defaults to this process. */
  processId?: string;
  cron?: CronLike;
  /** This desk's name as the other desks of a clinic hub see it (default: the computer's name). */
  deskName?: string;
}

/**
 * The application service: the one object every face (desktop, browser host, CLI) calls. Each area
 * is a small class; faces never reach past the service into the cache or the connectors.
 */
export class AppService {
  readonly notices = new NoticeBoard();
  readonly events: ServiceEvents;
  readonly sources: SourcesArea;
  readonly sync: SyncCoordinator;
  readonly roster: RosterArea;
  readonly history: HistoryArea;
  readonly settings: SettingsArea;
  readonly schedule: ScheduleArea;
  readonly daySheet: DaySheetArea;
  /** The clinic hub: optional; without one, nothing in the other areas changes. */
  readonly hub: HubArea;
  /** Starts syncs for the console and the schedule: on a desk of a clinic hub, one pull per clinic. */
  readonly clinicSync: SyncStarter;

  readonly #now: () => Date;

  constructor(private readonly options: AppServiceOptions) {
    this.#now = options.now ?? (() => new Date());
    const now = this.#now;
    const { cache, log } = options;
    const processId = options.processId ?? processIdentity();
    this.events = new ServiceEvents((err) => log.error('An event listener failed', err));
    this.notices.subscribe((notice) => this.events.emit('notice', notice));
    const connections = new Connections(
      cache,
      options.secrets,
      options.settings,
      options.demo ?? null,
      options.connectorOptions ?? {},
      new BaseUrlPolicy({ allowPrivate: options.allowPrivateApiHosts ?? false }),
      options.connectionTestTimeoutMs,
    );
    this.sync = new SyncCoordinator({
      cache,
      settings: options.settings,
      connections,
      events: this.events,
      now,
      processId,
      onInternalError: (err) => log.error('A sync failed unexpectedly', err),
    });
    this.sources = new SourcesArea(
      cache,
      options.secrets,
      connections,
      options.demo ?? null,
      this.events,
      now,
      (id) => this.sync.isSyncing(id),
      () => this.hub.joined(),
    );
    this.roster = new RosterArea(cache, connections, this.events, now);
    this.history = new HistoryArea(cache, now, hostName(processId));
    this.hub = new HubArea({
      cache,
      secrets: options.secrets,
      now,
      deskName: options.deskName,
      afterRunsMirrored: () => void this.sync.pruneHistory().catch((err: unknown) => log.error('Pruning history failed', err)),
    });
    this.clinicSync = clinicSyncStarter(this.sync, this.hub, (message) => log.write('warn', message));
    this.schedule = new ScheduleArea({
      cache,
      settings: options.settings,
      state: new ScheduleStateFile(options.dataDir),
      coordinator: this.clinicSync,
      events: this.events,
      now,
      log: (level, message) => log.write(level, message),
      cron: options.cron,
    });
    this.daySheet = new DaySheetArea(cache, options.settings, this.history, this.sync, now);
    this.settings = new SettingsArea(options.settings, () => this.schedule.reload());
    this.events.on('activity', (line) => log.write(line.level, line.runId === null ? line.message : `[run ${line.runId}] ${line.message}`));
    this.events.on('finished', (run) => log.write('info', `Run ${run.id} of ${run.source} ended ${run.status}.`));
    const recovered = this.sync.recoverInterruptedRuns();
    if (recovered > 0) {
      this.notices.add({
        level: 'warn',
        message: `${recovered === 1 ? 'A sync was' : `${recovered} syncs were`} interrupted last time (ClinicSync was closed or stopped) and marked abandoned. Nothing already stored was lost; sync again to bring the cache up to date.`,
      });
    }
  }

  /**
   * On a desk of a clinic hub, keeps the cache in step with the other desks until close() (the
   * long-running faces call this; one-shot CLI commands exchange as part of their own work).
   */
  async watchHub(): Promise<void> {
    const { log } = this.options;
    await this.hub.watch({
      onApplied: (applied) => {
        log.write('info', `Applied ${applied} records from the other desks of the clinic hub.`);
        this.events.emit('sourcesChanged', {});
      },
      onError: (message) => log.write('warn', message),
      onInternalError: (err) => log.error('Exchanging with the clinic hub failed unexpectedly', err),
    });
  }

  info(): { name: string; version: string; dataDir: string; logDir: string; platform: string } {
    const { name, version, dataDir } = this.options;
    return { name, version, dataDir, logDir: logDirOf(dataDir), platform: process.platform };
  }

  listNotices(): Notice[] {
    return this.notices.list();
  }

  status(): SyncStatusView {
    return { active: this.sync.progress(), schedule: this.schedule.status() };
  }

  /** "Explore with the demo practice": adds the emulated practice and starts its first sync. */
  async startDemo(): Promise<SourceView> {
    const first = this.options.cache.sources.list().length === 0;
    const source = await this.sources.addDemo();
    // A clinic exploring the demo sees its appointments at the practice's hours, not the computer's: the
    // zone its API reports, as a real source's connection test proposes it (accepted without asking here).
    const timeZone = first ? await this.sources.practiceTimeZone(source.id) : null;
    if (timeZone) this.settings.update({ schedule: { timeZone } });
    if (!this.sync.isSyncing(source.id)) await this.sync.start({ sources: [source.id], mode: 'full', trigger: 'manual' });
    return this.sources.view(source);
  }

  /** Cached records as JSON or CSV text, one chunk per record (exports of any size stream). */
  exportRecords(kind: ExportKind, format: ExportFormat, source?: string): Generator<string> {
    return exportChunks(this.options.cache, this.history, kind, format, source);
  }

  /**
   * Checks every page of the cache now (opening checks only after an unclean shutdown or weekly).
   * A damaged file cannot be swapped under a running app: the next start moves it aside and keeps
   * the local-only data, as for damage found at start-up.
   */
  checkCache(): CacheCheckResult {
    const { sound } = checkOpenCache(this.options.cache, this.#now());
    return sound
      ? { sound, message: 'The local cache is sound: every page was read and checked.' }
      : {
          sound,
          message:
            'The local cache file is damaged. Quit and restart ClinicSync: it will move the file aside, keep connections, organizations and staff notes, and the next sync will fill in patients and appointments again.',
        };
  }

  /** A redacted diagnostics archive for support (no keys, no patient data). */
  supportBundle(): SupportBundleResult {
    const { cache, dataDir, name, version } = this.options;
    return writeSupportBundle({
      cache,
      dataDir,
      settings: this.settings.get(),
      versions: {
        app: `${name} ${version}`,
        node: process.versions.node,
        electron: process.versions.electron ?? 'not running',
        platform: `${process.platform} ${process.arch}`,
      },
      now: this.#now(),
    });
  }

  /** Stops the schedule, cancels running syncs and waits for them to record how they ended. */
  async close(): Promise<void> {
    this.schedule.stop();
    this.sync.cancel();
    await this.sync.idle();
    await this.options.demo?.close();
    await this.hub.close();
    this.options.cache.close();
  }
}
