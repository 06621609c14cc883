import { Printer } from 'lucide-react';
import type { PrintBy } from '../../store/day-sheet-store';
import { Button, PopoverActions, SegmentedControl, TitledPopover } from '../ui';

/** Paper for the front desk: a page per practitioner or the whole day on one list (the choice is remembered). */
export function PrintMenu({ printBy, onPrintBy }: { printBy: PrintBy; onPrintBy: (printBy: PrintBy) => void }) {
  return (
    <TitledPopover
      trigger={
        <Button icon={<Printer size={16} aria-hidden="true" />} data-testid="day-print">
          Print
        </Button>
      }
      title="Print the day"
      className="day-export-popover"
      ariaLabel="Print the day"
    >
      <SegmentedControl<PrintBy>
        legend="Pages"
        name="day-print-by"
        value={printBy}
        onChange={onPrintBy}
        options={[
          { value: 'practitioner', label: 'One per practitioner' },
          { value: 'day', label: 'The whole day' },
        ]}
      />
      <p className="popover-note">Black on white, with the filters on screen and how fresh the data is.</p>
      <PopoverActions>
        <Button
          variant="primary"
          icon={<Printer size={16} aria-hidden="true" />}
          onClick={() => window.setTimeout(() => window.print(), 0)}
        >
          Print
        </Button>
      </PopoverActions>
    </TitledPopover>
  );
}
