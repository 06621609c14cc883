import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import type { HistoryRun } from '../../store/history-store';
import { Card, CardHeader, Skeleton } from '../ui';
import { formatDayTime } from '../../lib/clinic-time';
import { formatCount, formatDuration } from '../../lib/format';
import { chartPoints } from './health';

/** recharts is most of the console's JavaScript: it loads when History first draws a chart, not at start-up. */
const RunChartDrawing = lazy(() => import('./RunChartDrawing').then((m) => ({ default: m.RunChartDrawing })));

interface Props {
  runs: HistoryRun[];
  timeZone: string;
  now: Date;
}

/**
 * Duration (bars) and records synced (line) per run, oldest to newest. The drawing is hidden from
 * screen readers; a sentence and a table (under "Show the numbers") carry the same data.
 */
export function RunChart({ runs, timeZone, now }: Props) {
  const year = String(now.getFullYear());
  // The drawing is the heaviest part of the page: it happens in a transition, after the numbers are on screen
  // (the frame keeps its size meanwhile, so nothing moves).
  const draw = useDeferredValue(true, false);
  const points = useMemo(() => chartPoints(runs, (iso) => formatDayTime(iso, timeZone, year)), [runs, timeZone, year]);
  if (points.length < 2) return null;
  const longest = points.reduce((a, b) => (b.durationS > a.durationS ? b : a));
  const summary = `${points.length} recent syncs. Longest: ${formatDuration(longest.durationS * 1000)} on ${longest.label}. Most records in one sync: ${formatCount(Math.max(...points.map((p) => p.records)))}.`;
  return (
    <Card className="hist-chart" aria-labelledby="hist-chart-title">
      <CardHeader title="Duration and records over time" titleId="hist-chart-title" description={summary} />
      <div className="hist-chart-frame" aria-hidden="true">
        {draw && (
          <Suspense fallback={<Skeleton height={220} />}>
            <RunChartDrawing points={points} />
          </Suspense>
        )}
      </div>
      <p className="hist-chart-legend cs-small muted" aria-hidden="true">
        <span className="hist-key hist-key-bar" /> Duration (seconds, left) <span className="hist-key hist-key-line" /> Records synced
        (right)
      </p>
      <details className="hist-chart-table">
        <summary>Show the numbers</summary>
        <table>
          <caption className="sr-only">Duration and records of each recent sync</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Records</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.label}</th>
                <td>{formatDuration(p.durationS * 1000)}</td>
                <td>{formatCount(p.records)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
