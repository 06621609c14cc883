import { APPOINTMENT_STATUSES, type AppointmentStatus } from '@contract';
import { Search, X } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useDebounced } from '../../hooks/use-debounced';
import { activeFilterCount, type RosterFilters } from '../../lib/roster-query';
import { APPOINTMENT_STATUS } from '../../lib/status';
import { formatCount } from '../../lib/format';
import { useRosterStore, useSourcesStore } from '../../store/instances';
import { Button, Select } from '../ui';
import { DELETED_AT_SOURCE, NO_ORGANIZATION } from '../../lib/plain-words';

/** A labelled filter select; the label sits above it, small, so the toolbar stays one calm row. */
function FilterSelect({
  label,
  value,
  onChange,
  children,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  testId: string;
}) {
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <Select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {children}
      </Select>
    </label>
  );
}

type ChoiceKey = 'hasUpcoming' | 'archived' | 'removed';

/** The filters that are a fixed choice of a few words, with their options in the order shown. */
const CHOICE_FILTERS: Record<ChoiceKey, { label: string; testId: string; options: Array<[value: string, text: string]> }> = {
  hasUpcoming: {
    label: 'Upcoming',
    testId: 'filter-upcoming',
    options: [
      ['all', 'Any'],
      ['yes', 'Has one'],
      ['no', 'Has none'],
    ],
  },
  archived: {
    label: 'Archived',
    testId: 'filter-archived',
    options: [
      ['all', 'Included'],
      ['hide', 'Hidden'],
      ['only', 'Only archived'],
    ],
  },
  removed: {
    label: DELETED_AT_SOURCE,
    testId: 'filter-removed',
    options: [
      ['hide', 'Hidden'],
      ['all', 'Included'],
      ['only', 'Only deleted'],
    ],
  },
};

/** Search (name, email, phone) and the roster's filters. Search waits for a pause in typing. */
export function RosterToolbar() {
  const filters = useRosterStore((s) => s.filters);
  const setFilters = useRosterStore((s) => s.setFilters);
  const resetFilters = useRosterStore((s) => s.resetFilters);
  const organizations = useRosterStore((s) => s.organizations);
  const sources = useSourcesStore((s) => s.sources);
  const [search, setSearch] = useState(filters.search);
  const debounced = useDebounced(search, 120);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (debounced !== useRosterStore.getState().filters.search) setFilters({ search: debounced });
  }, [debounced, setFilters]);

  // Cleared from elsewhere (the "No patients match" empty state): the box follows.
  useEffect(() => {
    setSearch((current) => (current.trim() === filters.search.trim() ? current : filters.search));
  }, [filters.search]);

  // "/" jumps to the search box from anywhere on the roster (unless typing elsewhere).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || target.closest('input, textarea, select, [contenteditable], [role="dialog"]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const orgValue = typeof filters.organization === 'number' ? `org:${filters.organization}` : filters.organization;
  const activeCount = activeFilterCount(filters);
  const choiceFilter = (key: ChoiceKey) => {
    const { label, testId, options } = CHOICE_FILTERS[key];
    return (
      <FilterSelect label={label} value={filters[key]} testId={testId} onChange={(v) => setFilters({ [key]: v } as Partial<RosterFilters>)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </FilterSelect>
    );
  };

  return (
    <div className="roster-toolbar" role="search" aria-label="Find patients">
      <label className="filter filter-search">
        <span className="filter-label">Search</span>
        <span className="search-box">
          <Search size={16} aria-hidden="true" className="search-icon" />
          <input
            ref={input}
            type="search"
            className="input search-input"
            placeholder="Name, email, phone"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && search) {
                event.preventDefault();
                setSearch('');
              }
            }}
            aria-keyshortcuts="/"
            data-testid="roster-search"
          />
          {search && (
            <button type="button" className="search-clear" aria-label="Clear search" onClick={() => setSearch('')}>
              <X size={14} aria-hidden="true" />
            </button>
          )}
        </span>
      </label>

      {sources.length > 1 && (
        <FilterSelect
          label="Source"
          value={filters.source ?? ''}
          onChange={(v) => setFilters({ source: v || null })}
          testId="filter-source"
        >
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </FilterSelect>
      )}

      <FilterSelect
        label="Organization"
        value={orgValue}
        testId="filter-organization"
        onChange={(v) =>
          setFilters({ organization: v.startsWith('org:') ? Number(v.slice(4)) : (v as Exclude<RosterFilters['organization'], number>) })
        }
      >
        <option value="all">Any</option>
        <option value="unaffiliated">{NO_ORGANIZATION}</option>
        <option value="affiliated">In an organization</option>
        {organizations.length > 0 && (
          <optgroup label="Organizations">
            {organizations.map((o) => (
              <option key={o.id} value={`org:${o.id}`}>
                {o.name} ({formatCount(o.patientCount)})
              </option>
            ))}
          </optgroup>
        )}
      </FilterSelect>

      {choiceFilter('hasUpcoming')}

      <FilterSelect
        label="Next appointment"
        value={filters.status ?? ''}
        testId="filter-status"
        onChange={(v) => setFilters({ status: (v || null) as AppointmentStatus | null })}
      >
        <option value="">Any</option>
        {APPOINTMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {APPOINTMENT_STATUS[status].label}
          </option>
        ))}
      </FilterSelect>

      {choiceFilter('archived')}

      {choiceFilter('removed')}

      <div className="filter filter-reset">
        <Button
          variant="quiet"
          disabled={activeCount === 0 && !search}
          onClick={() => {
            setSearch('');
            resetFilters();
          }}
        >
          Clear filters{activeCount > 0 ? ` (${activeCount})` : ''}
        </Button>
      </div>
    </div>
  );
}
