import * as Popover from '@radix-ui/react-popover';
import { CalendarPlus, Download, FileSpreadsheet } from 'lucide-react';
import { useState } from 'react';
import { Button, SegmentedControl } from '../ui';

/** CSV for a spreadsheet or .ics for a calendar, of the day on screen or its week, with the filters applied. */
export function ExportMenu({ busy, onExport }: { busy: boolean; onExport: (span: 'day' | 'week', format: 'csv' | 'ics') => void }) {
  const [span, setSpan] = useState<'day' | 'week'>('day');
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button icon={<Download size={16} aria-hidden="true" />} busy={busy} data-testid="day-export">
          Export
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover day-export-popover"
          align="end"
          sideOffset={8}
          collisionPadding={12}
          aria-label="Export appointments"
        >
          <h2 className="popover-title">Export appointments</h2>
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
          <div className="popover-actions">
            <Popover.Close asChild>
              <Button
                icon={<FileSpreadsheet size={16} aria-hidden="true" />}
                onClick={() => onExport(span, 'csv')}
                data-testid="export-csv"
              >
                Spreadsheet (.csv)
              </Button>
            </Popover.Close>
            <Popover.Close asChild>
              <Button icon={<CalendarPlus size={16} aria-hidden="true" />} onClick={() => onExport(span, 'ics')} data-testid="export-ics">
                Calendar (.ics)
              </Button>
            </Popover.Close>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
