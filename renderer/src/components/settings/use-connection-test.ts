import type { ChannelInput, ConnectionTestResult } from '@contract';
import { useCallback, useRef, useState } from 'react';
import { api } from '../../api/client';
import { codeOf, fieldErrorsOf, messageOf, type FieldErrors } from '../../lib/errors';

export type TestOutcome =
  { ok: true; result: ConnectionTestResult } | { ok: false; code: string | null; message: string; fields: FieldErrors };

/**
 * One connection test at a time, cancellable: `cancel` returns to idle at once, and the answer of a
 * cancelled or superseded test is dropped (the service stops it within 15 s on its own).
 */
export function useConnectionTest() {
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  // Bumped by every start and cancel: only the latest test may change the form.
  const attempt = useRef(0);

  /** Runs a test; resolves to its outcome, or null when it was cancelled or replaced meanwhile. */
  const run = useCallback(async (input: ChannelInput<'sources:test'>): Promise<TestOutcome | null> => {
    const mine = ++attempt.current;
    setTesting(true);
    setOutcome(null);
    let next: TestOutcome;
    try {
      next = { ok: true, result: await api.call('sources:test', input) };
    } catch (err) {
      next = { ok: false, code: codeOf(err), message: messageOf(err, 'The connection test failed.'), fields: fieldErrorsOf(err) };
    }
    if (mine !== attempt.current) return null;
    setTesting(false);
    setOutcome(next);
    return next;
  }, []);

  /** Forgets any test, running or done (a changed key or address needs a new one). */
  const reset = useCallback((): void => {
    attempt.current += 1;
    setTesting(false);
    setOutcome(null);
  }, []);

  return { testing, outcome, run, reset };
}
