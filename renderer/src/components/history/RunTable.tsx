import { memo } from 'react';
import { ChevronLeft, ChevronRight, Snail } from 'lucide-react';
import type { HistoryRun } from '../../store/history-store';
import { Badge, Button } from '../ui';
import { formatWhen } from '../../lib/clinic-time';
import { formatCount, formatDuration } from '../../lib/format';
import { isSlowRun, TRIGGER_LABELS, TYPE_HINTS, TYPE_LABELS } from './health';
import { RUN_STATUS } from '../../lib/status';

interface RowProps {
  run: HistoryRun;
  sourceName: string;
  averageMs: number | null;
  timeZone: string;
  now: Date;
  onOpen(id: number): void;
}

/** "650 new · 0 updated", breaking only at the dot when the column is narrow (no space binds a number to its word). */
function newAndUpdated(created: number, updated: number): string {
  return `${formatCount(created)}\u00a0new · ${formatCount(updated)}\u00a0updated`;
}

const RunRow = memo(function RunRow({ run, sourceName, averageMs, timeZone, now, onOpen }: RowProps) {
  const status = RUN_STATUS[run.status];
  const slow = isSlowRun(run, averageMs);
  const c = run.counts;
  const appointments = c.appointmentsNew + c.appointmentsUpdated + c.appointmentsUnchanged;
  return (
    <tr data-testid="history-row" data-run-id={run.id} data-status={run.status}>
      <th scope="row" className="hist-col-start">
        <button type="button" className="hist-open" onClick={() => onOpen(run.id)} aria-haspopup="dialog">
          {formatWhen(run.startedAt, now, timeZone)}
          <span className="sr-only">: details of this sync</span>
        </button>
        <span className="hist-sub">
          {TRIGGER_LABELS[run.trigger]}
          {run.desk ? ` · on ${run.desk}` : ''}
        </span>
      </th>
      <td className="hist-col-source">{sourceName}</td>
      <td>
        <Badge tone="neutral" title={TYPE_HINTS[run.scope.mode]}>
          {TYPE_LABELS[run.scope.mode]}
        </Badge>
      </td>
      <td>
        <Badge tone={status.tone} dot>
          {status.label}
        </Badge>
      </td>
      <td className="hist-num">
        {formatDuration(run.durationMs)}
        {slow && (
          <span className="hist-slow" title={`More than twice the average (${formatDuration(averageMs)})`}>
            <Snail size={12} aria-hidden="true" /> Slow
          </span>
        )}
      </td>
      <td className="hist-num" data-testid="history-patients">
        {formatCount(c.patientsFound)}
        <span className="hist-sub">{newAndUpdated(c.patientsNew, c.patientsUpdated)}</span>
      </td>
      <td className="hist-num" data-testid="history-appointments">
        {formatCount(appointments)}
        <span className="hist-sub">{newAndUpdated(c.appointmentsNew, c.appointmentsUpdated)}</span>
      </td>
      <td className="hist-num">{formatCount(run.apiRequests)}</td>
      <td className="hist-num">
        {c.errors > 0 || run.errors.length > 0 ? (
          <span className="hist-errors">{formatCount(Math.max(c.errors, run.errors.length))}</span>
        ) : (
          '0'
        )}
      </td>
    </tr>
  );
});

interface Props {
  runs: HistoryRun[];
  total: number;
  offset: number;
  pageSize: number;
  averageMs: number | null;
  timeZone: string;
  now: Date;
  onOpen(id: number): void;
  onPage(offset: number): void;
}

const NUMBER_COLUMNS = ['Duration', 'Patients', 'Appointments', 'Requests', 'Errors'];

/** Every run, newest first, a page at a time. */
export function RunTable({ runs, total, offset, pageSize, averageMs, timeZone, now, onOpen, onPage }: Props) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + runs.length);
  return (
    <>
      <div className="hist-table-wrap">
        <table className="cs-table hist-table" data-testid="history-table">
          <caption className="sr-only">Sync runs, newest first. Open a run’s start time for its errors and activity.</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Source</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              {NUMBER_COLUMNS.map((name) => (
                <th key={name} scope="col" className="hist-num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                sourceName={run.sourceName}
                averageMs={averageMs}
                timeZone={timeZone}
                now={now}
                onOpen={onOpen}
              />
            ))}
          </tbody>
        </table>
      </div>
      <nav className="hist-pager" aria-label="History pages">
        <span className="cs-small muted" aria-live="polite">
          {formatCount(first)}–{formatCount(last)} of {formatCount(total)} runs
        </span>
        <Button
          size="sm"
          icon={<ChevronLeft size={14} aria-hidden="true" />}
          onClick={() => onPage(offset - pageSize)}
          disabled={offset === 0}
        >
          Newer
        </Button>
        <Button size="sm" onClick={() => onPage(offset + pageSize)} disabled={last >= total}>
          Older
          <ChevronRight size={14} aria-hidden="true" />
        </Button>
      </nav>
    </>
  );
}
