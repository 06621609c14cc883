import * as Popover from '@radix-ui/react-popover';
import { Printer } from 'lucide-react';
import type { PrintBy } from '../../store/day-sheet-store';
import { Button, SegmentedControl } from '../ui';

/** Paper for the front desk: a page per practitioner or the whole day on one list (the choice is remembered). */
export function PrintMenu({ printBy, onPrintBy }: { printBy: PrintBy; onPrintBy: (printBy: PrintBy) => void }) {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button icon={<Printer size={16} aria-hidden="true" />} data-testid="day-print">
          Print
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover day-export-popover" align="end" sideOffset={8} collisionPadding={12} aria-label="Print the day">
          <h2 className="popover-title">Print the day</h2>
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
          <div className="popover-actions">
            <Popover.Close asChild>
              <Button
                variant="primary"
                icon={<Printer size={16} aria-hidden="true" />}
                onClick={() => window.setTimeout(() => window.print(), 0)}
              >
                Print
              </Button>
            </Popover.Close>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
