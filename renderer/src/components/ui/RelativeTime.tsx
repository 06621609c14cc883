import { useNow } from '../../hooks/use-now';
import { formatDateTime, formatRelative } from '../../lib/format';

/** "3 h ago" that keeps itself current, with the exact time (in the clinic's zone) for hover and screen readers. */
export function RelativeTime({ iso, timeZone, fallback = 'Never' }: { iso: string | null; timeZone: string; fallback?: string }) {
  const now = useNow();
  if (!iso) return <span className="muted">{fallback}</span>;
  const exact = formatDateTime(iso, timeZone);
  return (
    <time dateTime={iso} title={exact}>
      {formatRelative(iso, now, timeZone)}
    </time>
  );
}
