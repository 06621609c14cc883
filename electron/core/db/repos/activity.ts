import { ACTIVITY_LEVELS, type ActivityEvent, type ActivityLevel } from '../../domain';
import type { Db } from '../sqlite';
import { toStoredTime } from '../timestamps';

interface ActivityRow {
  id: number;
  run_id: number | null;
  source: string | null;
  at: string;
  level: ActivityLevel;
  message: string;
}

export interface ActivityQuery {
  runId?: number;
  /** Only events after this id (to follow the log as it grows). */
  sinceId?: number;
  /** Only events at these levels (all levels when omitted). */
  levels?: readonly ActivityLevel[];
  limit: number;
}

export type ActivityRepo = ReturnType<typeof createActivityRepo>;

/** The activity log. Messages are plain sentences written without patient data. */
export function createActivityRepo(db: Db) {
  const insert = db.prepare('INSERT INTO activity_events (run_id, source, at, level, message) VALUES (?, ?, ?, ?, ?)');
  // Newest `limit` matching events, returned oldest first like a log.
  const newest = (filter: string) =>
    db.prepare(`SELECT * FROM (SELECT * FROM activity_events WHERE ${filter} ORDER BY id DESC LIMIT @limit) ORDER BY id`);
  const LEVEL_FILTER = 'level IN (SELECT value FROM json_each(@levels))';
  const all = newest(`id > @sinceId AND ${LEVEL_FILTER}`);
  const ofRun = newest(`run_id = @runId AND id > @sinceId AND ${LEVEL_FILTER}`);
  const recent = db.prepare('SELECT id, run_id, source, at, level, message FROM recent_activity ORDER BY id DESC LIMIT ?');

  return {
    append(event: Omit<ActivityEvent, 'id'>): ActivityEvent {
      const at = toStoredTime(event.at, 'at');
      const id = Number(insert.run(event.runId, event.source, at, event.level, event.message).lastInsertRowid);
      return { ...event, at, id };
    },

    list(query: ActivityQuery): ActivityEvent[] {
      const params = {
        runId: query.runId,
        sinceId: query.sinceId ?? 0,
        levels: JSON.stringify(query.levels ?? ACTIVITY_LEVELS),
        limit: query.limit,
      };
      const rows = (query.runId === undefined ? all.all(params) : ofRun.all(params)) as ActivityRow[];
      return rows.map(toEvent);
    },

    /** The last day's events, newest first (the recent_activity view). */
    recent(limit: number): ActivityEvent[] {
      return (recent.all(limit) as ActivityRow[]).map(toEvent);
    },
  };
}

function toEvent(row: ActivityRow): ActivityEvent {
  return { id: row.id, runId: row.run_id, source: row.source, at: row.at, level: row.level, message: row.message };
}
