import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import type { ActivityLevel, LogEntry } from '../../store/sync-store';
import { Button, Card, CardHeader, Select } from '../ui';
import { formatClockSeconds } from './clinic-time';

const LEVELS: ActivityLevel[] = ['debug', 'info', 'warn', 'error'];
const LEVEL_LABELS: Record<ActivityLevel, string> = { debug: 'Debug', info: 'Info', warn: 'Warning', error: 'Error' };
const FILTERS: Array<{ value: ActivityLevel; label: string }> = [
  { value: 'debug', label: 'Everything (with debug)' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
];

/** How close to the bottom (px) still counts as "following" the log. */
const FOLLOW_SLACK = 24;

const LogLine = memo(function LogLine({
  line,
  sourceName,
  timeZone,
  showSource,
}: {
  line: LogEntry;
  sourceName: string | null;
  timeZone: string;
  showSource: boolean;
}) {
  return (
    <li className={`sync-log-line level-${line.level}`}>
      <time dateTime={line.at} className="sync-log-time">
        {formatClockSeconds(line.at, timeZone)}
      </time>
      <span className={`sync-log-level level-${line.level}`}>{LEVEL_LABELS[line.level]}</span>
      {showSource && (
        <span className="sync-log-source" title={sourceName ?? undefined}>
          {sourceName ?? 'ClinicSync'}
        </span>
      )}
      <span className="sync-log-message">{line.message}</span>
    </li>
  );
});

interface Props {
  lines: LogEntry[];
  sourceNames: Record<string, string>;
  timeZone: string;
}

/** The live activity log: follows new lines until the user scrolls up, with a level filter. */
export function ActivityLog({ lines, sourceNames, timeZone }: Props) {
  const [minLevel, setMinLevel] = useState<ActivityLevel>('info');
  const listRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [paused, setPaused] = useState(false);
  const [seenCount, setSeenCount] = useState(0);

  const visible = useMemo(() => {
    const floor = LEVELS.indexOf(minLevel);
    return floor === 0 ? lines : lines.filter((l) => LEVELS.indexOf(l.level) >= floor);
  }, [lines, minLevel]);
  const lastKey = visible.at(-1)?.key;

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && following.current) list.scrollTop = list.scrollHeight;
  }, [lastKey, minLevel]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_SLACK;
    if (atBottom !== following.current) {
      following.current = atBottom;
      setPaused(!atBottom);
      if (!atBottom) setSeenCount(visible.length);
    }
  };

  const jumpToLatest = () => {
    const list = listRef.current;
    following.current = true;
    setPaused(false);
    if (list) list.scrollTop = list.scrollHeight;
  };

  // With one source every line is about it: give the message the room.
  const showSource = Object.keys(sourceNames).length > 1;
  const newSincePause = paused ? Math.max(0, visible.length - seenCount) : 0;

  return (
    <Card className="sync-log" aria-labelledby="sync-log-title">
      <CardHeader
        title="Activity"
        titleId="sync-log-title"
        actions={
          <label className="sync-log-filter cs-small">
            <span className="muted">Show</span>
            <Select value={minLevel} onChange={(e) => setMinLevel(e.target.value as ActivityLevel)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </Select>
          </label>
        }
      />
      <div className="sync-log-frame">
        {visible.length === 0 ? (
          <p className="sync-log-empty cs-small muted">
            {lines.length === 0 ? 'Nothing yet. Each step of a sync is written here as it happens.' : 'No lines at this level.'}
          </p>
        ) : (
          <div
            ref={listRef}
            className={`sync-log-lines${showSource ? '' : ' single-source'}`}
            role="log"
            aria-label="Sync activity"
            aria-live={paused ? 'off' : 'polite'}
            tabIndex={0}
            onScroll={onScroll}
            data-testid="activity-log"
          >
            <ol className="sync-log-list">
              {visible.map((line) => (
                <LogLine
                  key={line.key}
                  line={line}
                  sourceName={line.source ? (sourceNames[line.source] ?? line.source) : null}
                  timeZone={timeZone}
                  showSource={showSource}
                />
              ))}
            </ol>
          </div>
        )}
        {paused && (
          <Button size="sm" className="sync-log-jump" icon={<ArrowDown size={14} aria-hidden="true" />} onClick={jumpToLatest}>
            {newSincePause > 0 ? `${newSincePause} new ${newSincePause === 1 ? 'line' : 'lines'}` : 'Back to latest'}
          </Button>
        )}
      </div>
    </Card>
  );
}
