import type { SourceView } from '@contract';
import { useEffect, useState } from 'react';
import { formatCount } from '../../lib/format';
import { messageOf } from '../../lib/errors';
import { useSourcesStore } from '../../store/instances';
import { Alert, Button, Checkbox, Dialog } from '../ui';

/** Confirms removing a source; its cached records stay unless the user asks to delete them too. */
export function RemoveSourceDialog({ source, onOpenChange }: { source: SourceView | null; onOpenChange: (open: boolean) => void }) {
  const remove = useSourcesStore((s) => s.remove);
  const [discard, setDiscard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (source) {
      setDiscard(false);
      setError(null);
    }
  }, [source]);

  return (
    <Dialog
      open={source !== null}
      onOpenChange={onOpenChange}
      title={`Remove ${source?.name ?? 'source'}?`}
      description="ClinicSync stops syncing it and forgets its key. Nothing changes in the source itself."
      footer={
        <>
          <Button variant="quiet" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={busy}
            onClick={async () => {
              if (!source) return;
              setBusy(true);
              setError(null);
              try {
                await remove(source.id, discard);
                onOpenChange(false);
              } catch (err) {
                setError(messageOf(err, 'The source could not be removed.'));
              } finally {
                setBusy(false);
              }
            }}
          >
            Remove source
          </Button>
        </>
      }
    >
      <div className="stack">
        <Checkbox
          label="Also delete its cached patients and appointments"
          hint={`${formatCount(source?.patientsCached ?? 0)} patients, with their notes and organization links. Leave this off to keep them readable in the roster.`}
          checked={discard}
          onCheckedChange={setDiscard}
        />
        {error && (
          <Alert tone="danger" title="Not removed">
            {error}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}
