import { useEffect, useState, type ComponentProps } from 'react';
import { parseClockText } from '../../lib/clock-text';
import { TextInput } from '../ui';

type Props = Omit<ComponentProps<typeof TextInput>, 'value' | 'onChange' | 'type'> & {
  /** "HH:MM", 24-hour. */
  value: string;
  /** The 24-hour time when the text reads as one; otherwise the text as typed, for the settings check to refuse. */
  onChange(value: string): void;
};

/**
 * A 24-hour time field. The browser's own time input follows the computer's locale ("03:00 AM");
 * the clinic's schedule is always read and written as "03:00".
 */
export function ClockInput({ value, onChange, onBlur, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText((current) => (parseClockText(current) === value ? current : value)), [value]);
  return (
    <TextInput
      {...rest}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      placeholder="HH:MM"
      maxLength={5}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseClockText(event.target.value) ?? event.target.value);
      }}
      onBlur={(event) => {
        const parsed = parseClockText(text);
        if (parsed) setText(parsed);
        onBlur?.(event);
      }}
    />
  );
}
