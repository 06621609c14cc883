import { Alert, Button } from '../ui';
import { useAppStore } from '../../store/instances';

/** Notices the core raised (a damaged cache moved aside, an interrupted sync) until dismissed. */
export function NoticeList() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((notice, index) => (
        <li key={index}>
          <Alert
            tone={notice.level === 'error' ? 'danger' : notice.level === 'warn' ? 'warn' : 'info'}
            actions={
              <Button size="sm" variant="quiet" onClick={() => dismiss(index)}>
                Dismiss
              </Button>
            }
          >
            {notice.message}
          </Alert>
        </li>
      ))}
    </ul>
  );
}
