import { memo } from 'react';
import { Gauge } from 'lucide-react';
import type { SourceView, SyncProgressView } from '@contract';
import { liveBudgetUsed } from '../../store/sources-store';
import { Badge, Card, CardHeader } from '../ui';
import { formatWhen } from '../../lib/clinic-time';
import { formatClock, formatCount } from '../../lib/format';
import { budgetLine, budgetTone } from './format';
import { RUN_STATUS } from '../../lib/status';
import { sourceProblem } from '../../lib/source-problem';
import { useAppStore } from '../../store/instances';
import { SourceProblemNote } from '../ui';

interface Props {
  sources: SourceView[];
  progress: Record<string, SyncProgressView>;
  baseline: Record<string, number>;
  timeZone: string;
  now: Date;
}

interface SourceProps {
  source: SourceView;
  syncing: boolean;
  /** Requests spent today, including the run in flight. */
  used: number;
  timeZone: string;
  now: Date;
}

/** One source; memoised on the numbers it shows, so ten progress updates a second leave it alone. */
const SourceItem = memo(function SourceItem({ source, syncing, used, timeZone, now }: SourceProps) {
  const last = source.lastRun;
  const status = syncing ? { label: 'Syncing', tone: 'info' as const } : last ? RUN_STATUS[last.status] : null;
  const budget = source.budget ? { ...source.budget, used } : null;
  const share = budget && budget.limit > 0 ? Math.min(1, budget.used / budget.limit) : 0;
  const problem = sourceProblem({ ...source, syncing });
  return (
    <li className="sync-source" data-testid="sync-source">
      <div className="sync-source-head">
        <span className="sync-source-name">{source.name}</span>
        <Badge tone={status?.tone ?? 'neutral'} dot>
          {status?.label ?? 'Never synced'}
        </Badge>
      </div>
      <p className="cs-small muted sync-source-facts">
        {formatCount(source.patientsCached)} patients cached
        {source.lastSuccessAt ? ` · last synced ${formatWhen(source.lastSuccessAt, now, timeZone)}` : ''}
        {last?.resumeAt ? ` · continues at ${formatClock(last.resumeAt, timeZone)}` : ''}
      </p>
      {problem && <SourceProblemNote name={source.name} problem={problem} onFix={() => useAppStore.getState().fixSource(source.id)} />}
      {budget ? (
        <div className="sync-budget">
          <p className="cs-small sync-budget-line" data-testid="sync-budget">
            <Gauge size={14} aria-hidden="true" />
            {budgetLine(source.name, budget)}
          </p>
          <div className={`sync-budget-bar tone-${budgetTone(budget)}`} aria-hidden="true">
            <div style={{ transform: `scaleX(${share})` }} />
          </div>
          <p className="cs-small muted">Resets at {formatClock(budget.resetsAt, timeZone)}.</p>
        </div>
      ) : (
        <p className="cs-small muted sync-budget-line">
          <Gauge size={14} aria-hidden="true" />
          {source.kind === 'cliniko' ? 'No daily request limit (Cliniko allows 200 a minute).' : 'No daily request limit.'}
        </p>
      )}
    </li>
  );
});

/** Each source's state and its API budget ("IntakeQ: 37 of 500 requests used today"). */
export function SourceBudgets({ sources, progress, baseline, timeZone, now }: Props) {
  return (
    <Card className="sync-sources" aria-labelledby="sync-sources-title">
      <CardHeader title="Sources and API budget" titleId="sync-sources-title" />
      {sources.length === 0 ? (
        <p className="muted cs-small">No sources yet. Add Cliniko or IntakeQ in Settings, or explore with the demo practice.</p>
      ) : (
        <ul className="sync-source-list">
          {sources.map((source) => (
            <SourceItem
              key={source.id}
              source={source}
              syncing={progress[source.id] !== undefined}
              used={liveBudgetUsed(source, progress[source.id]?.requests, baseline[source.id])}
              timeZone={timeZone}
              now={now}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
