import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import { Button } from './Button';

interface DialogShellProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom (primary last). */
  footer?: ReactNode;
  /** Extra controls in the title row, before the close button. */
  headerActions?: ReactNode;
  /** Where focus goes when the dialog closes; Radix returns it to the trigger by default. */
  onCloseAutoFocus?: (event: Event) => void;
  className?: string;
  testId?: string;
}

/*
 * Radix Dialog handles focus trapping, Escape, aria-modal and hiding the rest of the page from
 * screen readers. Its Overlay is deliberately not used: it injects a <style> element to lock
 * scrolling, which the console's Content-Security-Policy (style-src 'self') refuses. A plain
 * backdrop div does the visual job, and clicks on it close the dialog as "outside" clicks.
 */
function DialogShell({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  headerActions,
  onCloseAutoFocus,
  variant,
  className,
  testId,
}: DialogShellProps & { variant: 'dialog' | 'sheet' }) {
  // Radix returns focus to its Trigger; these dialogs open from many places without one, so
  // remember what had focus when the dialog opened and go back there when it closes.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <div className="dialog-backdrop" aria-hidden="true" />
        <RadixDialog.Content
          className={[variant === 'sheet' ? 'sheet' : 'dialog', className].filter(Boolean).join(' ')}
          onOpenAutoFocus={(event) => {
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            // A dialog is opened to fill it in: start in its first field, not on its Close button.
            const field = variant === 'dialog' ? firstField(event.currentTarget) : null;
            if (!field) return;
            event.preventDefault();
            field.focus();
          }}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (event.defaultPrevented || !opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
          data-testid={testId}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="dialog-header">
            <div className="dialog-header-text">
              <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
              {description && <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description>}
            </div>
            {headerActions}
            <RadixDialog.Close asChild>
              <Button variant="quiet" icon={<X size={16} aria-hidden="true" />} aria-label="Close" />
            </RadixDialog.Close>
          </div>
          <div className="dialog-body">{children}</div>
          {footer && <div className="dialog-footer">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Fields to type or choose in; a tick box (often the risky option of a confirmation) is not started in. */
const FIELDS = [
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not(:disabled)',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
].join(', ');

function firstField(root: EventTarget | null): HTMLElement | null {
  return root instanceof HTMLElement ? root.querySelector<HTMLElement>(FIELDS) : null;
}

/** A centred modal for a short task (add a source, confirm a removal). */
export function Dialog(props: DialogShellProps) {
  return <DialogShell {...props} variant="dialog" />;
}

/** A modal panel from the right edge for a record's details (the patient drawer). */
export function Sheet(props: DialogShellProps) {
  return <DialogShell {...props} variant="sheet" />;
}

/** Closes the enclosing Dialog or Sheet when clicked (wrap a Button). */
export const DialogClose = RadixDialog.Close;
