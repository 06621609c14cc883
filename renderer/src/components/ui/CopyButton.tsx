import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from './Button';

/**
 * Copies `value` to the clipboard and says so for two seconds ("Copied"), visibly and to screen
 * readers. `label` names what is copied, e.g. "Copy telehealth link for Ada Lovelace".
 */
export function CopyButton({ value, label, showText = false }: { value: string; label: string; showText?: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 2000);
  };

  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy';
  return (
    <span className="copy-button">
      <Button
        variant="quiet"
        size="sm"
        icon={state === 'copied' ? <Check size={14} aria-hidden="true" /> : <Copy size={14} aria-hidden="true" />}
        aria-label={label}
        title={label}
        onClick={() => void copy()}
      >
        {showText ? text : undefined}
      </Button>
      <span className="sr-only" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy: the clipboard is not available' : ''}
      </span>
    </span>
  );
}
