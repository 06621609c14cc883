import { useVirtualizer } from '@tanstack/react-virtual';
import type { RosterSortField } from '@contract';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useNow } from '../../hooks/use-now';
import { useRosterHold } from '../../hooks/use-roster-hold';
import { BLOCK_SIZE } from '../../store/create-roster-store';
import { useRosterStore, useSourcesStore } from '../../store/instances';
import { HEADER_HEIGHT, ROSTER_COLUMNS, ROW_HEIGHT } from './columns';
import { RosterRow } from './RosterRow';

/**
 * The virtualized roster: only the rows on screen (plus a few) exist in the DOM, and only the
 * windows of rows around them are fetched. 50,000 patients scroll like 50.
 */
export function RosterTable({ timeZone, onOpen, caption }: { timeZone: string; onOpen: (id: number) => void; caption: string }) {
  const total = useRosterStore((s) => s.total) ?? 0;
  const blocks = useRosterStore((s) => s.blocks);
  const generation = useRosterStore((s) => s.generation);
  const pending = useRosterStore((s) => s.pending);
  const sort = useRosterStore((s) => s.filters.sort);
  const setFilters = useRosterStore((s) => s.setFilters);
  const setVisibleRange = useRosterStore((s) => s.setVisibleRange);
  const sources = useSourcesStore((s) => s.sources);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  useRosterHold(scrollRef);

  const sourceNames = useMemo(() => {
    if (sources.length < 2) return null;
    return new Map(sources.map((s) => [s.id, s.name]));
  }, [sources]);
  // Until a source's first sync has finished, its appointments are not all fetched: "None booked" would be a guess.
  const notFetched = useMemo(() => new Set(sources.filter((s) => s.lastSuccessAt === null).map((s) => s.id)), [sources]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    setVisibleRange(first, last);
  }, [first, last, total, setVisibleRange]);

  // New filters or sort: start again from the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [generation]);

  const rowAt = useCallback((index: number) => blocks[Math.floor(index / BLOCK_SIZE)]?.[index % BLOCK_SIZE], [blocks]);

  // Arrow keys move between patients (the virtualizer scrolls the next one into view first).
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('patient-link')) return;
    const index = Number(target.dataset.index);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity }[event.key];
    if (step === undefined || Number.isNaN(index)) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(total - 1, index + step));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focusNext = (tries: number): void => {
      const button = scrollRef.current?.querySelector<HTMLButtonElement>(`.patient-link[data-index="${next}"]`);
      if (button) button.focus();
      else if (tries > 0) requestAnimationFrame(() => focusNext(tries - 1));
    };
    requestAnimationFrame(() => focusNext(20));
  };

  const sortButton = (field: RosterSortField, label: string) => {
    const active = sort.field === field;
    const Icon = !active ? ArrowUpDown : sort.dir === 'asc' ? ArrowUp : ArrowDown;
    return (
      <button
        type="button"
        className={`sort-button${active ? ' is-active' : ''}`}
        aria-label={`${label}${active ? (sort.dir === 'asc' ? ', sorted ascending' : ', sorted descending') : ', sort'}`}
        onClick={() => setFilters({ sort: active ? { field, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { field, dir: 'asc' } })}
      >
        {label}
        <Icon size={12} aria-hidden="true" />
      </button>
    );
  };

  return (
    <div className="roster-scroll" ref={scrollRef} data-testid="roster-scroll">
      <table className="roster-table" aria-rowcount={total + 1} aria-busy={pending || undefined} data-testid="roster-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="roster-head" aria-rowindex={1}>
            {ROSTER_COLUMNS.map((col) => (
              <th
                key={col.id}
                scope="col"
                aria-sort={col.sort && sort.field === col.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {col.sort ? sortButton(col.sort, col.label) : <span className="th-label">{col.label}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
          {items.map((item) => {
            const row = rowAt(item.index);
            // Keyed by position: scrolling re-fills the same row elements instead of rebuilding them.
            // (State that belongs to a patient, like a "Copied" button, is keyed by the patient inside.)
            return (
              <RosterRow
                key={item.index}
                row={row}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                timeZone={timeZone}
                now={now}
                sourceName={row && sourceNames ? (sourceNames.get(row.source) ?? row.source) : null}
                appointmentsFetched={row ? !notFetched.has(row.source) : true}
                onOpen={onOpen}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
