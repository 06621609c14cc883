import type { SourceKind, SourceView } from '@contract';
import { ArrowRight, FlaskConical, PlugZap } from 'lucide-react';
import { useState } from 'react';
import { SourceFormDialog } from '../components/settings/SourceFormDialog';
import { Alert, Button } from '../components/ui';
import { messageOf } from '../lib/errors';
import { useSourcesStore } from '../store/instances';

/**
 * What a new installation shows: connect a real system, or explore the built-in demo practice (an
 * emulated Cliniko with about 650 patients, synced at once with its progress in view).
 */
export function FirstRunPage() {
  const startDemo = useSourcesStore((s) => s.startDemo);
  const [connecting, setConnecting] = useState<SourceKind | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const explore = async (): Promise<void> => {
    setStarting(true);
    setError(null);
    try {
      await startDemo();
    } catch (err) {
      setError(messageOf(err, 'The demo practice could not be started.'));
      setStarting(false);
    }
  };

  // The dialog starts a new source's first sync: the roster replaces this page and fills as patients arrive.
  const onSaved = (_source: SourceView, syncProblem: string | null): void => {
    if (syncProblem) setError(syncProblem);
  };

  return (
    <div className="first-run">
      <div className="first-run-intro">
        <span className="brand-mark first-run-mark" aria-hidden="true">
          CS
        </span>
        <h1>Welcome to ClinicSync</h1>
        <p className="muted">
          ClinicSync keeps a private copy of your patients and appointments on this computer, fresh from your practice-management system, so
          the front desk always knows who is coming and when.
        </p>
      </div>

      <div className="first-run-options">
        <section className="first-run-card" aria-labelledby="connect-title">
          <div className="first-run-icon" aria-hidden="true">
            <PlugZap size={20} />
          </div>
          <h2 id="connect-title">Connect your practice</h2>
          <p className="muted">Paste an API key from your system. ClinicSync only reads; it never changes anything there.</p>
          <div className="first-run-actions">
            <Button variant="primary" onClick={() => setConnecting('cliniko')}>
              Connect Cliniko
            </Button>
            <Button variant="secondary" onClick={() => setConnecting('intakeq')}>
              Connect IntakeQ
            </Button>
          </div>
        </section>

        <section className="first-run-card" aria-labelledby="demo-title">
          <div className="first-run-icon" aria-hidden="true">
            <FlaskConical size={20} />
          </div>
          <h2 id="demo-title">Try it first</h2>
          <p className="muted">
            A built-in practice with about 650 made-up patients, running on this computer. See the whole product in a minute.
          </p>
          <div className="first-run-actions">
            <Button variant="secondary" icon={<ArrowRight size={16} aria-hidden="true" />} busy={starting} onClick={() => void explore()}>
              Explore with the demo practice
            </Button>
          </div>
        </section>
      </div>

      {error && (
        <Alert tone="danger" title="That did not work">
          {error}
        </Alert>
      )}

      <SourceFormDialog
        open={connecting !== null}
        onOpenChange={(open) => !open && setConnecting(null)}
        initialKind={connecting ?? 'cliniko'}
        onSaved={onSaved}
      />
    </div>
  );
}
