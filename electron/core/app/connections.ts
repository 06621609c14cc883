import { ConnectorError, createConnector, type Connector, type ConnectorDeps, type WaitListener } from '../connectors';
import type { Cache } from '../db';
import type { ConnectionTestResult, Source } from '../domain';
import { UserFacingError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import type { BaseUrlPolicy } from '../security/base-url-policy';
import type { SettingsStore } from '../settings/app-settings';
import { DEMO_SOURCE_ID, type DemoPractice } from './demo-practice';

/** Connector options a face may set: tests and benchmarks point them at compressed emulators. */
export type ConnectorOptions = Omit<ConnectorDeps, 'budgetStore' | 'recentRequests' | 'onWait' | 'userAgentContact'>;

/** A connection test gives up after this long, so the form never spins for minutes of retries. */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

const SERVICE_NAMES: Record<Connector['kind'], string> = { cliniko: 'Cliniko', intakeq: 'IntakeQ' };

/** Turns a configured source into a connector: its key from the secret store, its address resolved. */
export class Connections {
  constructor(
    private readonly cache: Cache,
    private readonly secrets: SecretStore,
    private readonly settings: SettingsStore,
    private readonly demo: DemoPractice | null,
    private readonly options: ConnectorOptions,
    private readonly baseUrls: BaseUrlPolicy,
    private readonly testTimeoutMs: number = CONNECTION_TEST_TIMEOUT_MS,
  ) {}

  /** Refuses an address a key must not be sent to (see base-url-policy.ts). */
  checkBaseUrl(baseUrl: string | null): Promise<void> {
    return this.baseUrls.check(baseUrl);
  }

  isDemo(source: Pick<Source, 'id'>): boolean {
    return source.id === DEMO_SOURCE_ID;
  }

  /** The source's stored API key, or null when none is stored (the demo practice needs none). */
  async storedKey(source: Source): Promise<string | null> {
    return this.isDemo(source) ? null : this.secrets.get(source.credentialRef);
  }

  /** A connector for one run (it caches reference data for its lifetime). */
  async connectorFor(source: Source, onWait?: WaitListener): Promise<Connector> {
    const { apiKey, baseUrl } = await this.resolve(source);
    return this.build({ ...source, baseUrl }, apiKey, onWait);
  }

  /** A connector for a key that is not saved yet (testing before adding). */
  build(source: Source, apiKey: string, onWait?: WaitListener): Connector {
    const contact = this.settings.read().contactEmail;
    return createConnector(source, apiKey, {
      ...this.options,
      budgetStore: this.cache.budgets,
      recentRequests: this.cache.recentRequests,
      onWait,
      userAgentContact: contact ?? undefined,
    });
  }

  /**
   * Who the key belongs to, bounded by `testTimeoutMs`: a silent address or a long rate-limit wait ends
   * in a clear "No answer" instead of the connector's retries. The time-zone lookup shares the bound.
   */
  async test(connector: Connector, baseUrl: string | null): Promise<ConnectionTestResult> {
    const limit = AbortSignal.timeout(this.testTimeoutMs);
    const info = await connector.testConnection(limit).catch((err: unknown) => {
      if (limit.aborted) throw this.noAnswer(connector, baseUrl);
      throw err instanceof ConnectorError
        ? new UserFacingError(err.kind, err.message, err.resumeAt ? { resumeAt: err.resumeAt.toISOString() } : undefined)
        : err;
    });
    const timeZone = await this.practiceTimeZone(connector, limit);
    return {
      userName: info.userName,
      role: info.role,
      region: info.region,
      latencyMs: info.latencyMs,
      accountLabel: info.accountLabel,
      timeZone,
    };
  }

  private noAnswer(connector: Connector, baseUrl: string | null): UserFacingError {
    const service = SERVICE_NAMES[connector.kind];
    const where = baseUrl ? `${service} at ${hostOf(baseUrl)}` : service;
    const seconds = this.testTimeoutMs / 1000;
    return new UserFacingError(
      'connection_test_timeout',
      `No answer from ${where} within ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Check the address and the internet connection.`,
    );
  }

  /**
   * The practice's time zone as its API reports it, or null. Only ever a suggestion: a key that works
   * but cannot say (IntakeQ, a failed lookup) still connects.
   */
  async practiceTimeZone(connector: Connector, signal?: AbortSignal): Promise<string | null> {
    if (!connector.practiceTimeZone) return null;
    return connector.practiceTimeZone(signal).catch((err: unknown) => {
      if (err instanceof ConnectorError) return null;
      throw err;
    });
  }

  private async resolve(source: Source): Promise<{ apiKey: string; baseUrl: string | null }> {
    if (this.isDemo(source)) {
      if (!this.demo) throw new UserFacingError('demo_unavailable', 'The demo practice is not available in this version of ClinicSync.');
      return this.demo.ensureRunning();
    }
    // A source saved before the address rules (or edited in the file) is checked before its key leaves.
    await this.baseUrls.check(source.baseUrl);
    const apiKey = await this.storedKey(source);
    if (apiKey === null) {
      throw new UserFacingError(
        'credentials_missing',
        `No API key is stored for ${source.name} in ${this.secrets.description}. Edit the source and enter its API key again.`,
      );
    }
    return { apiKey, baseUrl: source.baseUrl };
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
