import type { ConnectionTestResult } from '@contract';
import { Alert } from '../ui';

/** Who the key belongs to, its role, where the account lives and how quickly it answered. */
export function connectionFacts(result: ConnectionTestResult): string {
  const who = result.userName ? `Connected as ${result.userName}${result.role ? ` (${result.role})` : ''}` : 'Connected';
  return [who, result.accountLabel, `region ${result.region}`, `${result.latencyMs} ms`].filter(Boolean).join(' · ');
}

/** Advice for the error codes a connection test can end with. */
export function connectionAdvice(code: string | null): string {
  switch (code) {
    case 'credentials_invalid':
      return 'Check that the whole key was copied, and that it has not been revoked. Create a new key if in doubt.';
    case 'permission_denied':
      return 'The key works but its user may not read patients and appointments. Use a key of an administrator.';
    case 'connection_failed':
      return 'Check this computer’s internet connection and the API address, then try again.';
    case 'rate_limited':
    case 'budget_exhausted':
      return 'The service asked ClinicSync to slow down. Try again later.';
    case 'server_error':
      return 'The service had a problem on its side. Try again in a few minutes.';
    case 'invalid_input':
      return 'Check the values entered.';
    default:
      return '';
  }
}

export function ConnectionResult({
  result,
}: {
  result: { ok: true; result: ConnectionTestResult } | { ok: false; code: string | null; message: string };
}) {
  if (result.ok) {
    return (
      <Alert tone="ok" title="Connection works">
        <span data-testid="connection-result">{connectionFacts(result.result)}</span>
      </Alert>
    );
  }
  return (
    <Alert tone="danger" title={result.code === 'credentials_invalid' ? 'The API key was rejected' : 'The connection failed'}>
      <span data-testid="connection-error">
        {result.message} {connectionAdvice(result.code)}
      </span>
    </Alert>
  );
}
