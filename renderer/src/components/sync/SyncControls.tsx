import { useState, type ReactNode } from 'react';
import { ChevronRight, RefreshCw, Square } from 'lucide-react';
import type { SourceView } from '@contract';
import type { SyncMode } from '../../store/sync-runs-store';
import { Button, Field, Select } from '../ui';
import { ADVANCED_MODES } from './format';

interface Props {
  sources: SourceView[];
  syncingCount: number;
  starting: boolean;
  cancellingAll: boolean;
  onStart(mode: SyncMode, sources?: string[]): void;
  onCancelAll(): void;
  /** What sits between the main actions and the Advanced section: progress rows and summaries. */
  children?: ReactNode;
}

/** "Sync now", Cancel, and the Advanced section with the single operations. */
export function SyncControls({ sources, syncingCount, starting, cancellingAll, onStart, onCancelAll, children }: Props) {
  const [target, setTarget] = useState('');
  const noSources = sources.length === 0;
  const allBusy = !noSources && syncingCount >= sources.length;
  const chosen = target && sources.some((s) => s.id === target) ? [target] : undefined;

  return (
    <div className="sync-controls">
      <div className="sync-controls-main">
        <Button
          variant="primary"
          className="sync-now"
          icon={<RefreshCw size={16} aria-hidden="true" className={syncingCount > 0 ? 'sync-spin' : undefined} />}
          onClick={() => onStart('incremental')}
          busy={starting}
          disabled={noSources || allBusy}
        >
          Sync now
        </Button>
        {/* One run has one Cancel, on its row; several running at once can also be stopped together. */}
        {syncingCount > 1 && (
          <Button variant="secondary" icon={<Square size={14} aria-hidden="true" />} onClick={onCancelAll} busy={cancellingAll}>
            Cancel all
          </Button>
        )}
        <p className="cs-small muted sync-controls-hint">
          {noSources
            ? 'Add a source in Settings first, or explore with the demo practice.'
            : allBusy
              ? 'Every source is syncing now.'
              : 'Fetches what changed since the last sync, from every source. Safe to run at any time.'}
        </p>
      </div>
      {children}
      <details className="sync-advanced">
        <summary>
          <ChevronRight size={16} aria-hidden="true" className="sync-advanced-chevron" />
          Advanced: single operations
        </summary>
        <div className="sync-advanced-body">
          <Field label="Source" className="sync-advanced-source">
            {(p) => (
              <Select {...p} value={target} onChange={(e) => setTarget(e.target.value)} disabled={noSources}>
                <option value="">All sources</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <ul className="sync-modes">
            {ADVANCED_MODES.map((m) => (
              <li key={m.mode} className="sync-mode">
                <div>
                  <span className="sync-mode-label">{m.label}</span>
                  <p className="cs-small muted">{m.description}</p>
                </div>
                <Button size="sm" onClick={() => onStart(m.mode, chosen)} disabled={starting || noSources || allBusy}>
                  Run {m.label.charAt(0).toLowerCase() + m.label.slice(1)}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </details>
    </div>
  );
}
