import type { SourceView } from '@contract';
import { Plus, PlugZap, TriangleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useAppStore, useSourcesStore } from '../../store/instances';
import { Alert, Button, Card, CardHeader, EmptyState, Skeleton } from '../ui';
import { RemoveSourceDialog } from './RemoveSourceDialog';
import { SourceCard } from './SourceCard';
import { SourceFormDialog } from './SourceFormDialog';

/** The configured sources: a status card each, and add / edit / remove. */
export function SourcesSection({ timeZone }: { timeZone: string }) {
  const sources = useSourcesStore((s) => s.sources);
  const status = useSourcesStore((s) => s.status);
  const error = useSourcesStore((s) => s.error);
  const load = useSourcesStore((s) => s.load);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<SourceView | null>(null);
  const [removing, setRemoving] = useState<SourceView | null>(null);
  // Why a new source's first sync did not start (its card shows the progress when it did).
  const [syncProblem, setSyncProblem] = useState<string | null>(null);
  const sourceToFix = useAppStore((s) => s.sourceToFix);

  // "Fix" beside a source's error elsewhere: open that source as soon as it is listed.
  useEffect(() => {
    const source = sources.find((s) => s.id === sourceToFix);
    if (!source) return;
    setEditing(source);
    useAppStore.getState().clearSourceToFix();
  }, [sources, sourceToFix]);

  return (
    <Card aria-labelledby="settings-sources" id="sources">
      <CardHeader
        title="Sources"
        titleId="settings-sources"
        description="The practice-management systems ClinicSync reads from. Keys are stored in this computer’s secure storage."
        actions={
          <Button variant="primary" icon={<Plus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            Add source
          </Button>
        }
      />
      {status === 'loading' ? (
        <div className="stack" aria-busy="true">
          <Skeleton height={120} />
        </div>
      ) : status === 'error' ? (
        <EmptyState
          tone="danger"
          icon={<TriangleAlert size={22} />}
          title="The sources could not be loaded"
          headingLevel={3}
          actions={<Button onClick={() => void load()}>Try again</Button>}
        >
          {error}
        </EmptyState>
      ) : sources.length === 0 ? (
        <EmptyState
          icon={<PlugZap size={22} />}
          title="No sources yet"
          headingLevel={3}
          actions={<Button onClick={() => setAdding(true)}>Add your first source</Button>}
        >
          Connect Cliniko or IntakeQ with an API key to start syncing patients and appointments.
        </EmptyState>
      ) : (
        <div className="source-list">
          {sources.map((source) => (
            <SourceCard
              key={source.id}
              source={source}
              timeZone={timeZone}
              onEdit={() => setEditing(source)}
              onRemove={() => setRemoving(source)}
            />
          ))}
        </div>
      )}
      {syncProblem && (
        <Alert tone="danger" title="The first sync did not start">
          {syncProblem}
        </Alert>
      )}
      <SourceFormDialog open={adding} onOpenChange={setAdding} onSaved={(_source, problem) => setSyncProblem(problem)} />
      <SourceFormDialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} source={editing ?? undefined} />
      <RemoveSourceDialog source={removing} onOpenChange={(open) => !open && setRemoving(null)} />
    </Card>
  );
}
