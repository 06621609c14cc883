import { X } from 'lucide-react';
import { formatClock, formatDuration } from '../../lib/format';
import type { Refusal, SyncRun } from '../../store/sync-runs-store';
import { Alert, Badge, Button } from '../ui';
import { MODE_LABELS, runSummary } from './format';
import { RUN_STATUS } from '../../lib/status';

interface SummaryProps {
  runs: SyncRun[];
  sourceNames: Record<string, string>;
  timeZone: string;
  onDismiss(source: string): void;
}

/** What each finished run did, in one sentence ("Synced 651 patients · 3 new · …"). */
export function RunSummaries({ runs, sourceNames, timeZone, onDismiss }: SummaryProps) {
  if (runs.length === 0) return null;
  return (
    <ul className="sync-summaries" aria-label="Finished syncs">
      {runs.map((run) => {
        const name = sourceNames[run.source] ?? run.source;
        const summary = runSummary(run, name, (iso) => formatClock(iso, timeZone));
        const status = RUN_STATUS[run.status];
        return (
          <li key={run.id} data-testid="sync-summary" data-status={run.status} data-run-id={run.id}>
            <Alert
              tone={summary.tone}
              title={
                <span className="sync-summary-head">
                  {name}
                  <Badge tone={status.tone} dot>
                    {status.label}
                  </Badge>
                  <span className="cs-small muted sync-summary-meta">
                    {MODE_LABELS[run.scope.mode]}
                    {run.finishedAt ? ` · finished ${formatClock(run.finishedAt, timeZone)}` : ''} · {formatDuration(run.durationMs)}
                  </span>
                </span>
              }
              actions={
                <Button
                  variant="quiet"
                  size="sm"
                  icon={<X size={14} aria-hidden="true" />}
                  onClick={() => onDismiss(run.source)}
                  aria-label={`Dismiss the summary for ${name}`}
                />
              }
            >
              <p className="sync-summary-text" data-testid="sync-summary-text">
                {summary.text}
              </p>
            </Alert>
          </li>
        );
      })}
    </ul>
  );
}

/** Syncs that did not start, each with why. */
export function Refusals({
  refused,
  startError,
  sourceNames,
  onDismiss,
}: {
  refused: Refusal[];
  startError: string | null;
  sourceNames: Record<string, string>;
  onDismiss(): void;
}) {
  if (refused.length === 0 && !startError) return null;
  return (
    <Alert
      tone="danger"
      title={refused.length > 1 ? `${refused.length} sources did not start syncing` : 'The sync did not start'}
      actions={<Button variant="quiet" size="sm" icon={<X size={14} aria-hidden="true" />} onClick={onDismiss} aria-label="Dismiss" />}
    >
      {startError && <p data-testid="sync-start-error">{startError}</p>}
      {refused.length > 0 && (
        <ul className="sync-refusals" data-testid="sync-refused">
          {refused.map((r) => {
            const name = sourceNames[r.source] ?? r.source;
            // The service's messages usually name the source already ("Northside is already syncing…").
            return <li key={r.source}>{r.message.includes(name) ? r.message : `${name}: ${r.message}`}</li>;
          })}
        </ul>
      )}
    </Alert>
  );
}
