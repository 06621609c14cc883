import type { AppSettings } from '@contract';
import { useEffect, useMemo, useState } from 'react';
import { useSettingsStore } from '../../store/instances';
import { SchedulerState } from '../sync/SchedulerState';
import { Card, CardHeader, Checkbox, Field, Select, Switch, TextInput } from '../ui';
import { ClockInput } from './ClockInput';
import { SectionFooter } from './SectionFooter';
import { SettingsForm } from './SettingsForm';

type Schedule = AppSettings['schedule'];

const INTERVALS = [15, 20, 30, 60, 120, 180, 240];
const WEEKDAYS = [
  { day: 1, label: 'Mon' },
  { day: 2, label: 'Tue' },
  { day: 3, label: 'Wed' },
  { day: 4, label: 'Thu' },
  { day: 5, label: 'Fri' },
  { day: 6, label: 'Sat' },
  { day: 0, label: 'Sun' },
];

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** When syncs run by themselves: nightly, and every N minutes during opening hours. */
export function ScheduleSection() {
  const saved = useSettingsStore((s) => s.settings?.schedule);
  const errors = useSettingsStore((s) => s.sections.schedule.fieldErrors);
  const update = useSettingsStore((s) => s.update);
  const [draft, setDraft] = useState<Schedule | undefined>(saved);
  const zoneList = useMemo(zones, []);

  // Follow the saved schedule when it changes (saved here, or elsewhere), not when another section saves.
  const savedKey = JSON.stringify(saved);
  useEffect(() => setDraft(saved), [savedKey]);
  if (!draft || !saved) return null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const error = (field: string) => errors[`schedule.${field}`];
  const set = (change: Partial<Schedule>) => setDraft({ ...draft, ...change });
  const setInterval = (change: Partial<Schedule['interval']>) => set({ interval: { ...draft.interval, ...change } });

  return (
    <Card aria-labelledby="settings-schedule" id="schedule">
      <CardHeader
        title="Schedule"
        titleId="settings-schedule"
        description="Scheduled syncs run while ClinicSync is open (in the tray), and catch up after the computer wakes."
      />
      <SchedulerState showLastRun />
      <SettingsForm onSave={() => update('schedule', { schedule: draft })}>
        <Switch
          label="Scheduled syncs"
          hint="Off: ClinicSync syncs only when someone presses Sync now."
          checked={draft.enabled}
          onCheckedChange={(enabled) => set({ enabled })}
        />
        <div className="form-grid">
          <Field label="Time zone" hint="The clinic’s zone. Schedules run, and times show, in this zone." error={error('timeZone')}>
            {(p) => (
              <>
                <TextInput
                  {...p}
                  list="time-zones"
                  value={draft.timeZone}
                  onChange={(e) => set({ timeZone: e.target.value })}
                  spellCheck={false}
                  data-testid="time-zone-input"
                />
                <datalist id="time-zones">
                  {zoneList.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>

        <fieldset className="form-group" disabled={!draft.enabled}>
          <legend>Nightly sync</legend>
          <Switch
            label="Sync every night"
            hint="A full pass while nobody is working."
            checked={draft.nightly.enabled}
            onCheckedChange={(enabled) => set({ nightly: { ...draft.nightly, enabled } })}
            disabled={!draft.enabled}
          />
          <div className="form-grid">
            <Field label="At" hint="24-hour clinic time, like 03:00." error={error('nightly.time')}>
              {(p) => (
                <ClockInput
                  {...p}
                  value={draft.nightly.time}
                  onChange={(time) => set({ nightly: { ...draft.nightly, time } })}
                  disabled={!draft.enabled || !draft.nightly.enabled}
                  data-testid="nightly-time"
                />
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-group" disabled={!draft.enabled}>
          <legend>During the day</legend>
          <Switch
            label="Sync at intervals during opening hours"
            hint="Keeps today’s appointments fresh for the front desk."
            checked={draft.interval.enabled}
            onCheckedChange={(enabled) => setInterval({ enabled })}
            disabled={!draft.enabled}
          />
          <div className="form-grid form-grid-3">
            <Field label="Every" error={error('interval.everyMinutes')}>
              {(p) => (
                <Select
                  {...p}
                  value={String(draft.interval.everyMinutes)}
                  onChange={(e) => setInterval({ everyMinutes: Number(e.target.value) })}
                  disabled={!draft.enabled || !draft.interval.enabled}
                >
                  {INTERVALS.map((m) => (
                    <option key={m} value={m}>
                      {m < 60 ? `${m} minutes` : m === 60 ? '1 hour' : `${m / 60} hours`}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="From" error={error('interval.windowStart')}>
              {(p) => (
                <ClockInput
                  {...p}
                  value={draft.interval.windowStart}
                  onChange={(windowStart) => setInterval({ windowStart })}
                  disabled={!draft.enabled || !draft.interval.enabled}
                  data-testid="window-start"
                />
              )}
            </Field>
            <Field label="Until" error={error('interval.windowEnd')}>
              {(p) => (
                <ClockInput
                  {...p}
                  value={draft.interval.windowEnd}
                  onChange={(windowEnd) => setInterval({ windowEnd })}
                  disabled={!draft.enabled || !draft.interval.enabled}
                  data-testid="window-end"
                />
              )}
            </Field>
          </div>
          <fieldset className="weekdays" aria-describedby={error('interval.weekdays') ? 'weekdays-error' : undefined}>
            <legend className="field-label">On</legend>
            <div className="row-wrap">
              {WEEKDAYS.map(({ day, label }) => (
                <Checkbox
                  key={day}
                  label={label}
                  checked={draft.interval.weekdays.includes(day)}
                  disabled={!draft.enabled || !draft.interval.enabled}
                  onCheckedChange={(on) =>
                    setInterval({
                      weekdays: on ? [...draft.interval.weekdays, day].sort() : draft.interval.weekdays.filter((d) => d !== day),
                    })
                  }
                />
              ))}
            </div>
            {error('interval.weekdays') && (
              <p className="field-error" id="weekdays-error">
                {error('interval.weekdays')}
              </p>
            )}
          </fieldset>
        </fieldset>
        <SectionFooter section="schedule" dirty={dirty} onReset={() => setDraft(saved)} label="Save schedule" />
      </SettingsForm>
    </Card>
  );
}
