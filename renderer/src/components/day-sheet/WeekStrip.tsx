import { memo } from 'react';
import { formatClock } from '../../lib/format';
import type { WeekGlance } from '@contract';
import { Video } from 'lucide-react';
import { shortDayParts } from './day-keys';

/** The week at a glance, Monday to Sunday: how many are expected each day and from when to when. */
export const WeekStrip = memo(function WeekStrip({
  week,
  date,
  today,
  onOpen,
}: {
  week: WeekGlance;
  date: string;
  today: string;
  onOpen: (date: string) => void;
}) {
  return (
    <nav className="week-strip" aria-label="Week at a glance">
      {week.days.map((day) => {
        const { weekday, date: label } = shortDayParts(day.date);
        const span =
          day.firstStartsAt && day.lastStartsAt
            ? `${formatClock(day.firstStartsAt, week.timeZone)}–${formatClock(day.lastStartsAt, week.timeZone)}`
            : 'Nothing booked';
        const count = `${day.active} ${day.active === 1 ? 'appointment' : 'appointments'}`;
        return (
          <button
            key={day.date}
            type="button"
            className={`week-day${day.date === date ? ' is-selected' : ''}${day.date === today ? ' is-today' : ''}${day.active === 0 ? ' is-empty' : ''}`}
            aria-current={day.date === date ? 'date' : undefined}
            aria-label={`${weekday} ${label}${day.date === today ? ' (today)' : ''}: ${count}${day.telehealth ? `, ${day.telehealth} by video` : ''}${day.cancelled ? `, ${day.cancelled} cancelled` : ''}`}
            data-testid="week-day"
            data-date={day.date}
            data-count={day.active}
            onClick={() => onOpen(day.date)}
          >
            <span className="week-day-name">
              {weekday} <span className="week-day-date">{label}</span>
            </span>
            <span className="week-day-count">{day.active}</span>
            <span className="week-day-meta">
              {span}
              {day.telehealth > 0 && (
                <span className="week-day-video">
                  <Video size={11} aria-hidden="true" />
                  {day.telehealth}
                </span>
              )}
            </span>
          </button>
        );
      })}
    </nav>
  );
});
