import { memo } from 'react';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button, TextInput } from '../ui';
import { isDayKey, longDayName, shiftDayKey } from './day-keys';

/** Previous and next day, Today and Tomorrow one click away, and any date by picker. */
export const DayNavigator = memo(function DayNavigator({
  date,
  today,
  onOpen,
}: {
  date: string;
  today: string;
  onOpen: (date: string) => void;
}) {
  const tomorrow = shiftDayKey(today, 1);
  const relative = date === today ? 'Today' : date === tomorrow ? 'Tomorrow' : date === shiftDayKey(today, -1) ? 'Yesterday' : null;
  return (
    <div className="day-nav" role="group" aria-label="Day">
      <div className="day-nav-step">
        <Button
          variant="secondary"
          size="sm"
          icon={<ChevronLeft size={16} aria-hidden="true" />}
          aria-label="Previous day"
          title="Previous day"
          onClick={() => onOpen(shiftDayKey(date, -1))}
        />
        <Button
          variant="secondary"
          size="sm"
          icon={<ChevronRight size={16} aria-hidden="true" />}
          aria-label="Next day"
          title="Next day"
          onClick={() => onOpen(shiftDayKey(date, 1))}
        />
      </div>
      <h2 className="day-title" data-testid="day-title" aria-live="polite">
        {relative && <span className="day-relative">{relative}</span>}
        {longDayName(date)}
      </h2>
      <div className="day-nav-jump">
        <Button size="sm" variant={date === today ? 'primary' : 'secondary'} aria-pressed={date === today} onClick={() => onOpen(today)}>
          Today
        </Button>
        <Button
          size="sm"
          variant={date === tomorrow ? 'primary' : 'secondary'}
          aria-pressed={date === tomorrow}
          onClick={() => onOpen(tomorrow)}
        >
          Tomorrow
        </Button>
        <label className="day-picker">
          <span className="sr-only">Go to date</span>
          <TextInput
            type="date"
            value={date}
            data-testid="day-picker"
            onChange={(event) => {
              if (isDayKey(event.target.value)) onOpen(event.target.value);
            }}
          />
        </label>
      </div>
    </div>
  );
});
