import { useState } from 'react';
import type { SourceView } from '@contract';
import type { SinceChoice } from '../../store/changes-store';
import { Button, Checkbox, Field, SegmentedControl, Select, TextInput } from '../ui';
import { fromZonedInput, toZonedInput } from '../../lib/clinic-time';
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
  const [draft, setDraft] = useState(() => toZonedInput(customSince ?? new Date(Date.now() - 86_400_000), timeZone));
  const draftIso = fromZonedInput(draft, timeZone);

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
            <Field label={`From (clinic time)`} error={draft && !draftIso ? 'Enter a date and time.' : null}>
              {(p) => <TextInput {...p} type="datetime-local" value={draft} onChange={(e) => setDraft(e.target.value)} />}
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
            {props.counts && <span className="cs-chip-count">{props.counts[kind]}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
