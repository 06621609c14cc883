/**
 * The console's shared primitives. Pages compose these rather than styling their own controls, so
 * spacing, type, status colours and focus look the same everywhere. Styles: styles/ui.css.
 */
export { Alert } from './Alert';
export { Badge, type Tone } from './Badge';
export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { Card, CardHeader } from './Card';
export { Checkbox } from './Checkbox';
export { CopyButton } from './CopyButton';
export { Dialog, DialogClose, Sheet } from './Dialog';
export { EmptyState } from './EmptyState';
export { Field, SegmentedControl, Select, TextArea, TextInput, type FieldControlProps } from './Field';
export { PageHeader } from './PageHeader';
export { ProgressBar } from './ProgressBar';
export { RelativeTime } from './RelativeTime';
export { Skeleton } from './Skeleton';
export { SourceProblemNote } from './SourceProblemNote';
export { Spinner } from './Spinner';
export { AppointmentStatusBadge, RunStatusBadge, SourceHealthBadge } from './StatusBadge';
export { Switch } from './Switch';
export { VideoLink } from './VideoLink';
export { Tabs } from './Tabs';
export { Tooltip, TooltipProvider } from './Tooltip';
export { PopoverActions, TitledPopover } from './TitledPopover';
