import { APPOINTMENT_STATUSES, type SourceView } from '@contract';
import { Search, X } from 'lucide-react';
import { memo, useEffect, useState } from 'react';
import { useDebounced } from '../../hooks/use-debounced';
import { APPOINTMENT_STATUS } from '../../lib/status';
import type { RememberedFilters, StatusChoice } from '../../store/day-sheet-store';
import { Checkbox, Select, TextInput } from '../ui';

/** Practitioner, status (cancelled hidden by default), telehealth only, source, and a patient search. */
export const DayFilters = memo(function DayFilters({
  filters,
  search,
  practitioners,
  sources,
  onFilters,
  onSearch,
}: {
  filters: RememberedFilters;
  search: string;
  practitioners: string[];
  sources: SourceView[];
  onFilters: (patch: Partial<RememberedFilters>) => void;
  onSearch: (search: string) => void;
}) {
  const [text, setText] = useState(search);
  const debounced = useDebounced(text, 120);
  useEffect(() => {
    if (debounced !== search) onSearch(debounced);
  }, [debounced, search, onSearch]);
  // A remembered practitioner with nothing on this day stays choosable (and says so).
  const names =
    filters.practitioner && !practitioners.includes(filters.practitioner) ? [filters.practitioner, ...practitioners] : practitioners;

  return (
    <div className="roster-toolbar day-filters" role="search" aria-label="Filter the day’s appointments">
      <label className="filter filter-search">
        <span className="filter-label">Patient</span>
        <span className="search-box">
          <Search size={16} className="search-icon" aria-hidden="true" />
          <TextInput
            type="search"
            className="search-input"
            placeholder="Search by name"
            value={text}
            data-testid="day-search"
            onChange={(event) => setText(event.target.value)}
          />
          {text && (
            <button type="button" className="search-clear" aria-label="Clear the search" onClick={() => setText('')}>
              <X size={14} aria-hidden="true" />
            </button>
          )}
        </span>
      </label>
      <label className="filter day-filter-wide">
        <span className="filter-label">Practitioner</span>
        <Select
          value={filters.practitioner}
          data-testid="day-practitioner"
          onChange={(event) => onFilters({ practitioner: event.target.value })}
        >
          <option value="">All practitioners</option>
          {names.map((name) => (
            <option key={name || '(none)'} value={name}>
              {name || 'No practitioner'}
              {name === filters.practitioner && !practitioners.includes(name) ? ' (none this day)' : ''}
            </option>
          ))}
        </Select>
      </label>
      <label className="filter day-filter-wide">
        <span className="filter-label">Status</span>
        <Select
          value={filters.status}
          data-testid="day-status"
          onChange={(event) => onFilters({ status: event.target.value as StatusChoice })}
        >
          <option value="expected">All but cancelled</option>
          <option value="all">All, with cancelled</option>
          {APPOINTMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {APPOINTMENT_STATUS[status].label} only
            </option>
          ))}
        </Select>
      </label>
      {sources.length > 1 && (
        <label className="filter">
          <span className="filter-label">Source</span>
          <Select value={filters.source} data-testid="day-source" onChange={(event) => onFilters({ source: event.target.value })}>
            <option value="">All sources</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </Select>
        </label>
      )}
      <div className="filter filter-check">
        <Checkbox
          label="Telehealth only"
          checked={filters.telehealthOnly}
          onCheckedChange={(checked) => onFilters({ telehealthOnly: checked })}
        />
      </div>
    </div>
  );
});
