import type { ErrorKind } from '../domain';

/** The remote systems by the name a clinic admin knows them. */
export type ServiceName = 'Cliniko' | 'IntakeQ';

/**
 * The one error every connector throws. `message` is written for a clinic admin and never carries
 * patient data; `resumeAt` says when a rate limit or daily budget lets requests through again.
 */
export class ConnectorError extends Error {
  readonly kind: ErrorKind;
  readonly resumeAt?: Date;
  readonly status?: number;

  constructor(kind: ErrorKind, message: string, options: { resumeAt?: Date; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.kind = kind;
    if (options.resumeAt) this.resumeAt = options.resumeAt;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** "00:00 UTC" when the time is within a day, else "2024-05-02 00:00 UTC". */
export function formatResumeTime(at: Date, now: Date): string {
  const iso = at.toISOString();
  const clock = `${iso.slice(11, 16)} UTC`;
  return at.getTime() - now.getTime() < 24 * 3600_000 ? clock : `${iso.slice(0, 10)} ${clock}`;
}

/** Builders for each kind of failure, so every connector words them the same way. */
export const connectorErrors = {
  credentialsInvalid: (service: ServiceName, status: number) =>
    new ConnectorError('credentials_invalid', `${service} rejected the API key. Check it in Settings → Sources.`, { status }),

  permissionDenied: (service: ServiceName, what: string, status: number) =>
    new ConnectorError(
      'permission_denied',
      `${service} refused access to ${what}. The user the API key belongs to lacks permission; ask a ${service} administrator to widen that user's role.`,
      { status },
    ),

  notFound: (service: ServiceName, what: string, status: number) =>
    new ConnectorError('not_found', `${service} has no ${what} (it may have been removed).`, { status }),

  connectionFailed: (service: ServiceName, detail: string, cause?: unknown) =>
    new ConnectorError('connection_failed', `Could not reach ${service}: ${detail}. Check the internet connection and try again.`, {
      cause,
    }),

  serverError: (service: ServiceName, status: number, attempts: number) =>
    new ConnectorError(
      'server_error',
      `${service} had a server problem (HTTP ${status}) and still failed after ${attempts} tries. Try again later.`,
      { status },
    ),

  rateLimited: (service: ServiceName, resumeAt: Date, now: Date) =>
    new ConnectorError(
      'rate_limited',
      `${service} is limiting how fast ClinicSync may ask; syncing continues after ${formatResumeTime(resumeAt, now)}.`,
      { resumeAt, status: 429 },
    ),

  budgetExhausted: (service: ServiceName, limit: number, resumeAt: Date, now: Date) =>
    new ConnectorError(
      'budget_exhausted',
      `${service}'s daily limit of ${limit} requests is used up; syncing continues after ${formatResumeTime(resumeAt, now)}.`,
      { resumeAt },
    ),

  invalidData: (service: ServiceName, what: string, options: { retried?: boolean; cause?: unknown } = {}) =>
    new ConnectorError(
      'invalid_data',
      `${service} sent ${what} that ClinicSync could not read${options.retried ? ', even after asking again' : ''}.`,
      { cause: options.cause },
    ),

  refused: (service: ServiceName, status: number) =>
    new ConnectorError(
      'internal',
      `${service} refused a request from ClinicSync (HTTP ${status}). This is a problem in ClinicSync, not in your settings; please report it.`,
      { status },
    ),

  cancelled: () => new ConnectorError('cancelled', 'The sync was cancelled.'),
};
