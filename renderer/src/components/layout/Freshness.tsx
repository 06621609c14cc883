import * as Popover from '@radix-ui/react-popover';
import type { SourceView } from '@contract';
import { AlertTriangle, CheckCircle2, CircleDashed, Clock, Loader2, XCircle } from 'lucide-react';
import { useNow } from '../../hooks/use-now';
import { freshnessOf, freshnessThresholds, worstFreshness, type Freshness, type FreshnessLevel } from '../../lib/freshness';
import { formatDateTime, formatDuration, formatRelative } from '../../lib/format';
import { formatWhen } from '../../lib/clinic-time';
import { sourceProblem } from '../../lib/source-problem';
import { RUN_STATUS } from '../../lib/status';
import { useAppStore, useSettingsStore, useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { Badge, Button, PopoverActions, TitledPopover } from '../ui';

const ICONS: Record<FreshnessLevel, typeof Clock> = {
  fresh: CheckCircle2,
  aging: Clock,
  stale: AlertTriangle,
  never: CircleDashed,
  syncing: Loader2,
};

/** "Appointments current as of 06:02", or why not. */
export function freshnessSentence(source: SourceView, freshness: Freshness, timeZone: string, now: Date): string {
  if (freshness.level === 'syncing') return 'Syncing for the first time…';
  if (!source.lastSuccessAt) return 'Appointments never synced';
  return `Appointments current as of ${formatWhen(source.lastSuccessAt, now, timeZone)}`;
}

/**
 * Per-source freshness in the header: when each source's appointments were last known true, turning
 * amber then red as that ages (with the words "Getting old" / "Out of date", never colour alone).
 * The button opens the details and a "Sync now".
 */
export function FreshnessIndicator() {
  const sources = useSourcesStore((s) => s.sources);
  const progress = useSyncRunsStore((s) => s.progress);
  const syncNow = useSyncRunsStore((s) => s.syncNow);
  const settings = useSettingsStore((s) => s.settings);
  const navigate = useAppStore((s) => s.navigate);
  const fixSource = useAppStore((s) => s.fixSource);
  const now = useNow();
  if (sources.length === 0 || !settings) return null;

  const timeZone = settings.schedule.timeZone;
  const rows = sources.map((source) => {
    const syncing = source.syncing || Boolean(progress[source.id]);
    const freshness = freshnessOf({ lastSuccessAt: source.lastSuccessAt, syncing, now, schedule: settings.schedule });
    const problem = sourceProblem({ ...source, syncing });
    return { source, syncing, freshness, problem, sentence: freshnessSentence(source, freshness, timeZone, now) };
  });
  // Up to three sources fit in the header; with more, failing ones first, then the least fresh.
  const order: FreshnessLevel[] = ['never', 'stale', 'aging', 'syncing', 'fresh'];
  const rank = (row: (typeof rows)[number]) =>
    row.problem ? (row.problem.tone === 'danger' ? -2 : -1) : order.indexOf(row.freshness.level);
  const shown = rows.length <= 3 ? rows : [...rows].sort((a, b) => rank(a) - rank(b)).slice(0, 2);
  const worst = worstFreshness(rows.map((r) => r.freshness.level));
  const { amberMs, redMs } = freshnessThresholds(settings.schedule, now);

  return (
    <TitledPopover
      trigger={
        <button type="button" className={`freshness level-${worst}`} data-testid="freshness" aria-haspopup="dialog">
          {shown.map(({ source, freshness, problem, sentence }) => {
            if (problem) {
              const ProblemIcon = problem.tone === 'danger' ? XCircle : AlertTriangle;
              return (
                <span key={source.id} className={`freshness-chip problem-${problem.tone}`} data-testid="freshness-chip">
                  <ProblemIcon size={14} aria-hidden="true" className="freshness-icon" />
                  <span className="freshness-text">
                    {rows.length > 1 && <span className="freshness-source">{source.name}: </span>}
                    {capitalized(problem.reason)}
                  </span>
                  <span className="freshness-label">{problem.title}</span>
                </span>
              );
            }
            const Icon = ICONS[freshness.level];
            return (
              <span key={source.id} className={`freshness-chip level-${freshness.level}`} data-testid="freshness-chip">
                <Icon size={14} aria-hidden="true" className="freshness-icon" />
                <span className="freshness-text">
                  {rows.length > 1 && <span className="freshness-source">{source.name}: </span>}
                  {sentence}
                </span>
                {freshness.level !== 'fresh' && freshness.level !== 'syncing' && freshness.level !== 'never' && (
                  <span className="freshness-label">{freshness.label}</span>
                )}
              </span>
            );
          })}
          {rows.length > shown.length && <span className="freshness-more">+{rows.length - shown.length} more</span>}
        </button>
      }
      title="How fresh the cache is"
      className="freshness-popover"
      align="start"
    >
      <ul className="freshness-list">
        {rows.map(({ source, syncing, freshness, problem, sentence }) => {
          const RowIcon = ICONS[freshness.level];
          return (
            <li key={source.id} className={`freshness-row level-${freshness.level}`}>
              <RowIcon size={16} aria-hidden="true" className="freshness-icon" />
              <div className="freshness-row-text">
                <p className="freshness-row-name">
                  {source.name}{' '}
                  <Badge tone={TONES[freshness.level]}>{syncing && freshness.level !== 'syncing' ? 'Syncing now' : freshness.label}</Badge>
                </p>
                <p>{sentence}</p>
                {source.lastSuccessAt && (
                  <p className="muted">
                    Last successful sync {formatDateTime(source.lastSuccessAt, timeZone)} (
                    {formatRelative(source.lastSuccessAt, now, timeZone)})
                  </p>
                )}
                {problem ? (
                  <div className={`freshness-problem problem-${problem.tone}`}>
                    <p>
                      {problem.title}: {problem.reason}.
                    </p>
                    <Popover.Close asChild>
                      <Button size="sm" variant="secondary" aria-label={`Fix ${source.name}`} onClick={() => fixSource(source.id)}>
                        Fix
                      </Button>
                    </Popover.Close>
                  </div>
                ) : (
                  source.lastRun &&
                  source.lastRun.status !== 'completed' && (
                    <p className="muted">Latest run: {RUN_STATUS[source.lastRun.status].label.toLowerCase()}</p>
                  )
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="popover-note">
        Times are in {timeZone}. Data turns amber after {formatDuration(amberMs)} without a successful sync and red after{' '}
        {formatDuration(redMs)}.
      </p>
      <PopoverActions>
        <Button size="sm" variant="secondary" onClick={() => navigate('sync')}>
          Open Sync
        </Button>
        <Button size="sm" variant="primary" disabled={rows.every((r) => r.syncing)} onClick={() => void syncNow()}>
          Sync now
        </Button>
      </PopoverActions>
    </TitledPopover>
  );
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const TONES = { fresh: 'ok', aging: 'warn', stale: 'danger', never: 'neutral', syncing: 'info' } as const;
