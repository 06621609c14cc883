import { useState } from 'react';
import type { SourceView } from '@contract';
import type { SinceChoice } from '../../store/changes-store';
import { Button, Checkbox, Field, SegmentedControl, Select, TextInput } from '../ui';
import { fromZonedInput, toZonedInput } from '../../lib/clinic-time';
import { ClockInput } from '../settings/ClockInput';
import { parseClockText } from '../../lib/clock-text';
import { formatCount } from '../../lib/format';
import { CHANGE_KIND_CHIPS, CHANGE_KIND_ORDER, type ChangeKind, type GroupBy } from './group';

interface Props {
  sinceChoice: SinceChoice;
  customSince: string | null;
  lastSyncLabel: string | null;
  source: string;
  sources: SourceView[];
  kinds: ChangeKind[];
  /** Per kind, when every change is loaded (null while only some pages are). */
  counts: Record<ChangeKind, number> | null;
  totalCount: number | null;
  groupBy: GroupBy;
  hideDone: boolean;
  includeInitialLoad: boolean;
  timeZone: string;
  onSince(choice: SinceChoice, customIso?: string | null): void;
  onSource(source: string): void;
  onToggleKind(kind: ChangeKind): void;
  onClearKinds(): void;
  onGroupBy(groupBy: GroupBy): void;
  onHideDone(hide: boolean): void;
  onIncludeInitialLoad(include: boolean): void;
}

/** Since when, which source, which kinds of change, and how to group them. */
export function ChangeFilters(props: Props) {
  const { sinceChoice, customSince, timeZone } = props;
  // A date picker and a 24-hour clock field: the browser's datetime input follows the computer's
  // locale ("11:21 PM"), and the console writes times as 23:21, in the clinic's zone.
  const [draft, setDraft] = useState(() => {
    const [date = '', time = ''] = toZonedInput(customSince ?? new Date(Date.now() - 86_400_000), timeZone).split('T');
    return { date, time };
  });
  // ClockInput hands back the text as typed when it is not a time ("25:00"): that is no instant.
  const draftIso = parseClockText(draft.time) === draft.time ? fromZonedInput(`${draft.date}T${draft.time}`, timeZone) : null;

  return (
    <div className="chg-filters">
      <div className="cs-toolbar">
        <Field label="Show">
          {(p) => (
            <Select
              {...p}
              value={sinceChoice}
              onChange={(e) => {
                const choice = e.target.value as SinceChoice;
                if (choice === 'custom') props.onSince('custom', draftIso);
                else props.onSince(choice);
              }}
            >
              <option value="open">Still to do, and done today</option>
              <option value="last_sync">
                {props.lastSyncLabel ? `Changes since the last sync (${props.lastSyncLabel})` : 'Changes since the last sync'}
              </option>
              <option value="day">Changes in the last 24 hours</option>
              <option value="week">Changes in the last 7 days</option>
              <option value="custom">Changes since a time I choose…</option>
            </Select>
          )}
        </Field>
        {sinceChoice === 'custom' && (
          <form
            className="chg-custom-since"
            onSubmit={(e) => {
              e.preventDefault();
              if (draftIso) props.onSince('custom', draftIso);
            }}
          >
            <Field label="From day">
              {(p) => (
                <TextInput {...p} type="date" required value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} />
              )}
            </Field>
            <Field label="At (24-hour clinic time)" error={draftIso ? null : 'Enter a day and a time like 09:30.'}>
              {(p) => (
                <ClockInput {...p} className="chg-since-clock" value={draft.time} onChange={(time) => setDraft({ ...draft, time })} />
              )}
            </Field>
            <Button type="submit" disabled={!draftIso}>
              Show
            </Button>
          </form>
        )}
        <Field label="Source">
          {(p) => (
            <Select {...p} value={props.source} onChange={(e) => props.onSource(e.target.value)}>
              <option value="">All sources</option>
              {props.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <SegmentedControl
          legend="Group by"
          name="chg-group-by"
          value={props.groupBy}
          options={[
            { value: 'appointment', label: 'Appointment day' },
            { value: 'detected', label: 'Day detected' },
          ]}
          onChange={props.onGroupBy}
        />
        <div className="chg-checks">
          <Checkbox label="Hide done" checked={props.hideDone} onCheckedChange={props.onHideDone} />
          <Checkbox
            label="Include first syncs (every booking new)"
            checked={props.includeInitialLoad}
            onCheckedChange={props.onIncludeInitialLoad}
          />
        </div>
      </div>
      <div className="cs-chips" role="group" aria-label="Kinds of change">
        <button type="button" className="cs-chip" aria-pressed={props.kinds.length === 0} onClick={props.onClearKinds}>
          All {props.totalCount !== null && <span className="cs-chip-count">{formatCount(props.totalCount)}</span>}
        </button>
        {CHANGE_KIND_ORDER.map((kind) => (
          <button
            key={kind}
            type="button"
            className="cs-chip"
            aria-pressed={props.kinds.includes(kind)}
            onClick={() => props.onToggleKind(kind)}
            disabled={props.counts?.[kind] === 0 && !props.kinds.includes(kind)}
          >
            {CHANGE_KIND_CHIPS[kind]}
            {props.counts && <span className="cs-chip-count">{formatCount(props.counts[kind])}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
