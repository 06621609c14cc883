import type { DaySheetRow } from '@contract';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import { useNow } from '../../hooks/use-now';
import { DAY_ROW_HEIGHT, DayRow } from './DayRow';

const HEADER_HEIGHT = 40;
const COLUMNS = ['Time', 'Patient', 'Practitioner', 'Service', 'Location', 'Status', 'Telehealth', 'Changed'];

/**
 * The day's appointments, virtualized: however many there are, only the rows on screen exist. Says on
 * the table how long after the data arrived the rows were in the page (data-commit-ms) and on screen,
 * at the next frame (data-render-ms).
 */
export function DayTable({
  rows,
  arrivedAt,
  timeZone,
  caption,
  onOpenPatient,
  onOpenChanges,
}: {
  rows: DaySheetRow[];
  arrivedAt: number;
  timeZone: string;
  caption: string;
  onOpenPatient: (id: number) => void;
  onOpenChanges: () => void;
}) {
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DAY_ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // The first render already draws the rows of a typical window, instead of waiting a commit to measure it.
    initialRect: { width: 1200, height: 720 },
  });

  // Measured to the next frame after the commit: what staff wait for when they page a day.
  useLayoutEffect(() => {
    const table = tableRef.current;
    table?.removeAttribute('data-render-ms');
    table?.setAttribute('data-commit-ms', String(Math.round(performance.now() - arrivedAt)));
    const frame = requestAnimationFrame(() => {
      table?.setAttribute('data-render-ms', String(Math.round(performance.now() - arrivedAt)));
    });
    return () => cancelAnimationFrame(frame);
  }, [rows, arrivedAt]);

  return (
    <div className="roster-scroll day-scroll" ref={scrollRef} data-testid="day-scroll">
      <table className="roster-table day-table" ref={tableRef} aria-rowcount={rows.length + 1} data-testid="day-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="roster-head day-head" aria-rowindex={1}>
            {COLUMNS.map((label) => (
              <th key={label} scope="col">
                <span className="th-label">{label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as DaySheetRow;
            return (
              <DayRow
                key={`${row.source}:${row.externalId}`}
                row={row}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                timeZone={timeZone}
                now={now}
                onOpenPatient={onOpenPatient}
                onOpenChanges={onOpenChanges}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
