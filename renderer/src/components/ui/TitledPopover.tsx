import * as Popover from '@radix-ui/react-popover';
import type { ReactNode } from 'react';

interface TitledPopoverProps {
  /** The control that opens it; Radix gives it the open/closed state. */
  trigger: ReactNode;
  title: string;
  className: string;
  align?: 'start' | 'end';
  /** Names the panel for screen readers, when the trigger's own label does not. */
  ariaLabel?: string;
  children: ReactNode;
}

/** A small panel under a toolbar control, with a heading: the console's popover menus share this frame. */
export function TitledPopover({ trigger, title, className, align = 'end', ariaLabel, children }: TitledPopoverProps) {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className={`popover ${className}`} align={align} sideOffset={8} collisionPadding={12} aria-label={ariaLabel}>
          <h2 className="popover-title">{title}</h2>
          {children}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The row of buttons at the foot of a popover; each closes it when pressed. */
export function PopoverActions({ children }: { children: ReactNode[] | ReactNode }) {
  const buttons = Array.isArray(children) ? children : [children];
  return (
    <div className="popover-actions">
      {buttons.map((button, index) => (
        <Popover.Close asChild key={index}>
          {button}
        </Popover.Close>
      ))}
    </div>
  );
}
