import { describe, expect, it } from 'vitest';
import { parseClockText } from '../../../renderer/src/lib/clock-text';

describe('a typed time of day, read as the 24-hour time the schedule stores', () => {
  it('reads the ways staff type a time', () => {
    expect(parseClockText('03:00')).toBe('03:00');
    expect(parseClockText('3')).toBe('03:00');
    expect(parseClockText('3:00')).toBe('03:00');
    expect(parseClockText('0300')).toBe('03:00');
    expect(parseClockText('730')).toBe('07:30');
    expect(parseClockText(' 15.30 ')).toBe('15:30');
    expect(parseClockText('23:59')).toBe('23:59');
    expect(parseClockText('0')).toBe('00:00');
  });

  it('refuses what is not a time of day, so the settings check can say why', () => {
    for (const text of ['', '24:00', '7:5', '12:60', '3 PM', '03:00 AM', 'noon', '12345', '-1']) expect(parseClockText(text)).toBeNull();
  });
});
