import type { Source } from '../domain';
import { ClinikoConnector } from './cliniko/cliniko-connector';
import { IntakeqConnector } from './intakeq/intakeq-connector';
import type { Connector, ConnectorDeps } from './types';

/** The connector for a configured source; `apiKey` is the secret its credentialRef resolved to. */
export function createConnector(source: Source, apiKey: string, deps: ConnectorDeps): Connector {
  switch (source.kind) {
    case 'cliniko':
      return new ClinikoConnector(source.id, apiKey, source.baseUrl, deps);
    case 'intakeq':
      return new IntakeqConnector(source.id, apiKey, source.baseUrl, deps);
  }
}

export { ConnectorError, formatResumeTime } from './errors';
export type { ServiceName } from './errors';
export type {
  AppointmentQuery,
  ConnectionInfo,
  Connector,
  ConnectorCapabilities,
  ConnectorDeps,
  ConnectorStats,
  Page,
  PatientQuery,
  RecordError,
} from './types';
export type { BudgetStatus } from './http/daily-budget';
export type { RateLimits } from './http/request-gate';
export type { WaitListener, WaitReason } from './http/http-client';
export { GateRegistry, credentialKeyFor } from './http/request-gate';
export { ClinikoConnector, DEFAULT_USER_AGENT_CONTACT } from './cliniko/cliniko-connector';
export { IntakeqConnector, INTAKEQ_BASE_URL } from './intakeq/intakeq-connector';
export type { BookingSettings, NamedItem } from './intakeq/booking-settings';
export { shardFromKey } from './cliniko/shard';
