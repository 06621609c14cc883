import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../lib/format';
import type { ChartPoint } from './health';

/**
 * The SVG drawing of the run chart: duration bars and a records line. Its own module because recharts
 * is most of the console's JavaScript; RunChart loads it lazily when History first shows a chart.
 */
export function RunChartDrawing({ points }: { points: ChartPoint[] }) {
  return (
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
        <Line yAxisId="records" dataKey="records" name="Records" stroke="var(--ok)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
