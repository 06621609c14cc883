import type { SourceView } from '@contract';
import { CheckCircle2, CircleDashed, Pencil, PlugZap, RefreshCw, Trash2, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { useNow } from '../../hooks/use-now';
import { formatClock, formatCount, formatDateTime, formatRelative } from '../../lib/format';
import { progressSummary, runPercent } from '../../lib/progress';
import { RUN_STATUS, sourceKindLabel } from '../../lib/status';
import { useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { followedWords } from '../../lib/followed-source';
import { sourceProblem } from '../../lib/source-problem';
import { Badge, Button, ProgressBar, SourceHealthBadge, SourceProblemNote } from '../ui';
import { connectionAdvice, connectionFacts } from './ConnectionResult';
import { NO_ORGANIZATION_HINT } from '../../lib/plain-words';

type Verdict = 'ok' | 'bad' | 'unknown';

function Fact({ label, verdict, children, testId }: { label: string; verdict?: Verdict; children: ReactNode; testId?: string }) {
  const Icon = verdict === 'ok' ? CheckCircle2 : verdict === 'bad' ? XCircle : CircleDashed;
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {verdict && <Icon size={14} aria-hidden="true" className={`fact-icon verdict-${verdict}`} />}
        <span>{children}</span>
      </dd>
    </div>
  );
}

/** A source at a glance: connected, key valid, patients cached, last sync, health, budget; and what to do about it. */
export function SourceCard({
  source,
  timeZone,
  onEdit,
  onRemove,
}: {
  source: SourceView;
  timeZone: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const check = useSourcesStore((s) => s.checks[source.id]);
  const testing = useSourcesStore((s) => s.testing[source.id] ?? false);
  const progress = useSyncRunsStore((s) => s.progress[source.id]);
  const testSaved = useSourcesStore((s) => s.testSaved);
  const syncNow = useSyncRunsStore((s) => s.syncNow);
  const now = useNow();
  const syncing = source.syncing || Boolean(progress);
  const lastRun = source.lastRun;
  const problem = sourceProblem({ ...source, syncing });
  const followed = followedWords(source);

  const connected: { verdict: Verdict; text: string } = check
    ? check.ok
      ? { verdict: 'ok', text: `Yes, tested ${formatRelative(check.at, now, timeZone)}` }
      : { verdict: 'bad', text: 'No: the last test failed' }
    : lastRun && ['completed', 'partial_success'].includes(lastRun.status)
      ? { verdict: 'ok', text: 'Yes, at the last sync' }
      : lastRun && ['failed', 'abandoned'].includes(lastRun.status)
        ? { verdict: 'bad', text: 'The last sync failed' }
        : { verdict: 'unknown', text: 'Not checked yet' };

  const credentials: { verdict: Verdict; text: string } = followed
    ? { verdict: 'ok', text: 'Not needed on this desk: the desk that pulls it holds the key' }
    : !source.hasCredential
      ? { verdict: 'bad', text: 'No key stored: edit the source and enter it' }
      : source.demo
        ? { verdict: 'ok', text: 'Built in (demo practice)' }
        : check && !check.ok && ['credentials_invalid', 'permission_denied'].includes(check.code ?? '')
          ? { verdict: 'bad', text: 'Rejected by the source' }
          : check?.ok
            ? { verdict: 'ok', text: 'Valid' }
            : !check && ['credentials_invalid', 'permission_denied'].includes(lastRun?.errorKind ?? '')
              ? { verdict: 'bad', text: 'Rejected at the last sync: edit the source and enter the key again' }
              : !check && lastRun && ['completed', 'partial_success'].includes(lastRun.status)
                ? { verdict: 'ok', text: 'Valid at the last sync' }
                : { verdict: 'unknown', text: 'Stored (not tested yet)' };

  return (
    <article className="source-card" aria-labelledby={`source-${source.id}`} data-testid="source-card">
      <header className="source-card-header">
        <div className="source-title">
          <h3 id={`source-${source.id}`}>{source.name}</h3>
          <span className="row-wrap">
            <Badge>{sourceKindLabel(source.kind)}</Badge>
            {source.demo && <Badge tone="info">Demo · emulated</Badge>}
            {followed && <Badge tone="info">{followed}</Badge>}
            <SourceHealthBadge health={syncing ? 'syncing' : source.health} />
          </span>
        </div>
        <div className="source-actions">
          {/* A followed source has no key here to test; its sync brings it from the hub. */}
          {!followed && (
            <Button size="sm" icon={<PlugZap size={14} aria-hidden="true" />} busy={testing} onClick={() => void testSaved(source.id)}>
              Test connection
            </Button>
          )}
          <Button
            size="sm"
            icon={<RefreshCw size={14} aria-hidden="true" />}
            disabled={syncing}
            title={followed ? 'Brings it up to date from the clinic hub' : undefined}
            onClick={() => void syncNow({ sources: [source.id] })}
          >
            {followed ? 'Update from hub' : 'Sync now'}
          </Button>
          <Button
            size="sm"
            variant="quiet"
            icon={<Pencil size={14} aria-hidden="true" />}
            aria-label={`Edit ${source.name}`}
            onClick={onEdit}
          />
          <Button
            size="sm"
            variant="quiet"
            icon={<Trash2 size={14} aria-hidden="true" />}
            aria-label={`Remove ${source.name}`}
            onClick={onRemove}
            disabled={syncing}
          />
        </div>
      </header>

      {problem && <SourceProblemNote name={source.name} problem={problem} onFix={onEdit} />}

      <dl className="source-facts">
        <Fact label="Connected" verdict={connected.verdict}>
          {connected.text}
        </Fact>
        <Fact label="Credentials" verdict={credentials.verdict}>
          {credentials.text}
        </Fact>
        <Fact label="Patients cached" testId="patients-cached">
          {formatCount(source.patientsCached)}
          {source.patientsUnaffiliated > 0 && (
            <span className="muted" title={NO_ORGANIZATION_HINT}>
              {' '}
              · {formatCount(source.patientsUnaffiliated)} with no organization
            </span>
          )}
        </Fact>
        <Fact label="Last sync">
          {lastRun ? (
            <>
              <span title={formatDateTime(lastRun.finishedAt ?? lastRun.startedAt, timeZone)}>
                {lastRun.finishedAt
                  ? formatRelative(lastRun.finishedAt, now, timeZone)
                  : `started ${formatRelative(lastRun.startedAt, now, timeZone)}`}
              </span>
              <span className="muted"> · {RUN_STATUS[lastRun.status].label}</span>
              {lastRun.resumeAt && <span className="muted"> · continues at {formatClock(lastRun.resumeAt, timeZone)}</span>}
            </>
          ) : (
            'Never'
          )}
        </Fact>
        <Fact label="Last success">
          {source.lastSuccessAt ? (
            <span title={formatDateTime(source.lastSuccessAt, timeZone)}>{formatRelative(source.lastSuccessAt, now, timeZone)}</span>
          ) : (
            'Never'
          )}
        </Fact>
        {source.budget && (
          <Fact label="Daily API budget" verdict={source.budget.used >= source.budget.limit ? 'bad' : 'ok'}>
            {formatCount(source.budget.used)} of {formatCount(source.budget.limit)} requests used today
            <span className="muted"> · resets {formatClock(source.budget.resetsAt, timeZone)}</span>
          </Fact>
        )}
      </dl>

      {source.budget && (
        <ProgressBar
          value={(source.budget.used / Math.max(1, source.budget.limit)) * 100}
          size="sm"
          tone={source.budget.used >= source.budget.limit ? 'danger' : source.budget.used / source.budget.limit > 0.8 ? 'warn' : 'ok'}
          label={`${source.name} daily API budget`}
          valueText={`${formatCount(source.budget.used)} of ${formatCount(source.budget.limit)} requests used today`}
        />
      )}

      {progress && (
        <div className="source-progress">
          <ProgressBar
            value={runPercent(progress)}
            size="sm"
            label={`${source.name} sync progress`}
            valueText={progressSummary(progress)}
          />
          <p className="muted">{progressSummary(progress)}</p>
        </div>
      )}

      {check && (
        <p
          className={`source-check ${check.ok ? 'is-ok' : 'is-bad'}`}
          role="status"
          data-testid={check.ok ? 'connection-result' : 'connection-error'}
        >
          {check.ok ? connectionFacts(check.result) : `${check.message} ${connectionAdvice(check.code)}`}
        </p>
      )}
    </article>
  );
}
