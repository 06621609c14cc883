/**
 * Text a spreadsheet would run as a formula: = + - @ at the start, also after leading spaces (which
 * spreadsheets skip) and in their full-width forms (＝ ＋ － ＠, which some read as the ASCII ones),
 * or a tab or CR at the start.
 */
const FORMULA_START = /^(?:[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r])/u;

/**
 * One CSV line (RFC 4180). A field that could run as a formula is prefixed with an apostrophe, so an
 * exported field cannot execute anything.
 */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return values.map(csvCell).join(',') + '\r\n';
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
