/**
 * A determinate or indeterminate progress bar with the ARIA values screen readers need. `value` is
 * 0–100; null means "working, total unknown". Give it a `label` (or `labelledBy`) and a `valueText`
 * ("Patients: 120 of 650") so the state is read out, not only drawn. Its height never changes.
 */
export function ProgressBar({
  value,
  label,
  labelledBy,
  valueText,
  tone = 'accent',
  size = 'md',
}: {
  value: number | null;
  label?: string;
  labelledBy?: string;
  valueText?: string;
  tone?: 'accent' | 'warn' | 'danger' | 'ok';
  size?: 'sm' | 'md';
}) {
  const clamped = value === null ? null : Math.max(0, Math.min(100, value));
  return (
    <div
      className={`progress progress-${size} progress-${tone}${clamped === null ? ' is-indeterminate' : ''}`}
      role="progressbar"
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === null ? undefined : Math.round(clamped)}
      aria-valuetext={valueText}
    >
      <div className="progress-fill" style={clamped === null ? undefined : { transform: `scaleX(${clamped / 100})` }} />
    </div>
  );
}
