import { CalendarPlus, Download, FileSpreadsheet } from 'lucide-react';
import { useState } from 'react';
import { Button, PopoverActions, SegmentedControl, TitledPopover } from '../ui';

/** CSV for a spreadsheet or .ics for a calendar, of the day on screen or its week, with the filters applied. */
export function ExportMenu({ busy, onExport }: { busy: boolean; onExport: (span: 'day' | 'week', format: 'csv' | 'ics') => void }) {
  const [span, setSpan] = useState<'day' | 'week'>('day');
  return (
    <TitledPopover
      trigger={
        <Button icon={<Download size={16} aria-hidden="true" />} busy={busy} data-testid="day-export">
          Export
        </Button>
      }
      title="Export appointments"
      className="day-export-popover"
      ariaLabel="Export appointments"
    >
      <SegmentedControl
        legend="What to export"
        name="day-export-span"
        value={span}
        onChange={setSpan}
        options={[
          { value: 'day', label: 'This day' },
          { value: 'week', label: 'This week' },
        ]}
      />
      <p className="popover-note">With the filters on screen. Times in the CSV are clinic time; calendar files carry exact instants.</p>
      <PopoverActions>
        <Button icon={<FileSpreadsheet size={16} aria-hidden="true" />} onClick={() => onExport(span, 'csv')} data-testid="export-csv">
          Spreadsheet (.csv)
        </Button>
        <Button icon={<CalendarPlus size={16} aria-hidden="true" />} onClick={() => onExport(span, 'ics')} data-testid="export-ics">
          Calendar (.ics)
        </Button>
      </PopoverActions>
    </TitledPopover>
  );
}
