import { useDeferredValue, useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryRun } from '../../store/history-store';
import { Card, CardHeader } from '../ui';
import { formatDayTime } from '../../lib/clinic-time';
import { formatCount, formatDuration } from '../../lib/format';
import { chartPoints } from './health';

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
          <ResponsiveContainer width="100%" height={220}>
            <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis
                dataKey="label"
                tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
                tickLine={false}
                axisLine={{ stroke: 'var(--border)' }}
                minTickGap={24}
              />
              <YAxis
                yAxisId="duration"
                tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
                tickLine={false}
                axisLine={false}
                width={44}
                unit=" s"
              />
              <YAxis
                yAxisId="records"
                orientation="right"
                tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
                tickLine={false}
                axisLine={false}
                width={52}
                tickFormatter={(v: number) => formatCount(v)}
              />
              <Tooltip
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12 }}
                labelStyle={{ color: 'var(--text)' }}
                formatter={(value, name) => (name === 'Duration' ? `${String(value)} s` : formatCount(Number(value)))}
              />
              <Bar
                yAxisId="duration"
                dataKey="durationS"
                name="Duration"
                fill="var(--accent)"
                fillOpacity={0.55}
                radius={[3, 3, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
              <Line
                yAxisId="records"
                dataKey="records"
                name="Records"
                stroke="var(--ok)"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
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
