import { useAppStore } from '../store/app-store';

/** Notices the core raised (a damaged cache moved aside, settings restored) until dismissed. */
export function NoticeList() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((notice, index) => (
        <li key={index} className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="button-quiet" onClick={() => dismiss(index)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
