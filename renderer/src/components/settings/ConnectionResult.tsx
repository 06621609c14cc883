import type { ConnectionTestResult } from '@contract';
import { Alert } from '../ui';

/** Who the key belongs to, its role, where the account lives and how quickly it answered. */
export function connectionFacts(result: ConnectionTestResult): string {
  const who = result.userName ? `Connected as ${result.userName}${result.role ? ` (${result.role})` : ''}` : 'Connected';
  return [who, result.accountLabel, `region ${result.region}`, `${result.latencyMs} ms`].filter(Boolean).join(' · ');
}

/** Advice for the error codes a connection test can end with. */
export function connectionAdvice(code: string | null): string {
  // The service's own message already says what to do for a lost connection, a refused permission, a
  // server fault or a rate limit; saying it again reads as two instructions.
  switch (code) {
    case 'credentials_invalid':
      return 'Check that the whole key was copied, and that it has not been revoked. Create a new key if in doubt.';
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
