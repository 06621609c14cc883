import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import type { ActivityLevel, LogEntry } from '../../store/activity-store';
import { Button, Card, CardHeader, Select } from '../ui';
import { formatClockSeconds } from '../../lib/clinic-time';

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
/** Lines drawn at once (the newest); earlier ones on request, so opening the page stays quick. */
const RENDER_STEP = 150;
const NO_LINES: LogEntry[] = [];

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

/**
 * The live activity log: follows new lines until the user scrolls up, with a level filter. Memoised:
 * progress updates (ten a second) do not touch it; only new lines do.
 */
export const ActivityLog = memo(function ActivityLog({ lines, sourceNames, timeZone }: Props) {
  const [minLevel, setMinLevel] = useState<ActivityLevel>('info');
  const listRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [paused, setPaused] = useState(false);
  const [seenKey, setSeenKey] = useState<string | null>(null);

  // New lines render in a transition (interruptible), so a burst of activity never blocks typing or scrolling.
  const deferred = useDeferredValue(lines, NO_LINES);
  const [renderCount, setRenderCount] = useState(RENDER_STEP);
  const matching = useMemo(() => {
    const floor = LEVELS.indexOf(minLevel);
    return floor === 0 ? deferred : deferred.filter((l) => LEVELS.indexOf(l.level) >= floor);
  }, [deferred, minLevel]);
  const visible = matching.length > renderCount ? matching.slice(matching.length - renderCount) : matching;
  const earlier = matching.length - visible.length;
  const lastKey = visible.at(-1)?.key;
  const keepOffset = useRef<number | null>(null);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    if (keepOffset.current !== null) {
      // Earlier lines were added above: keep the lines the user was reading where they were.
      list.scrollTop = list.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (following.current) {
      list.scrollTop = list.scrollHeight;
    }
  }, [lastKey, minLevel, renderCount]);

  const showEarlier = () => {
    const list = listRef.current;
    if (list) keepOffset.current = list.scrollHeight - list.scrollTop;
    setRenderCount((n) => n + RENDER_STEP);
  };

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_SLACK;
    if (atBottom !== following.current) {
      following.current = atBottom;
      setPaused(!atBottom);
      if (!atBottom) setSeenKey(matching.at(-1)?.key ?? null);
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
  const seenAt = seenKey === null ? -1 : matching.findIndex((l) => l.key === seenKey);
  const newSincePause = paused && seenKey !== null ? matching.length - 1 - seenAt : 0;

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
            {lines.length === 0
              ? 'Nothing yet. Each step of a sync is written here as it happens.'
              : deferred.length === 0
                ? ''
                : 'No lines at this level.'}
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
            {earlier > 0 && (
              <div className="sync-log-earlier">
                <Button size="sm" variant="quiet" onClick={showEarlier}>
                  Show {Math.min(earlier, RENDER_STEP)} earlier {Math.min(earlier, RENDER_STEP) === 1 ? 'line' : 'lines'}
                </Button>
              </div>
            )}
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
});
