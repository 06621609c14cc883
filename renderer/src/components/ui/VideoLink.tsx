import { Video } from 'lucide-react';
import { CopyButton } from './CopyButton';

/**
 * A telehealth link staff can open ("Join", in the browser) or copy to send on. `what` names the
 * appointment for screen readers: "Ada Lovelace at 09:30".
 */
export function VideoLink({ url, what }: { url: string; what: string }) {
  return (
    <span className="video-link">
      <a href={url} target="_blank" rel="noreferrer noopener" aria-label={`Open the video call for ${what}`} title={url}>
        <Video size={14} aria-hidden="true" />
        Join
      </a>
      <CopyButton key={url} value={url} label={`Copy the video link for ${what}`} />
    </span>
  );
}
