// CSV for spreadsheets (RFC 4180 quoting). A cell starting with = + - @ tab or CR would be run as a
// formula by Excel, LibreOffice or Sheets (CSV injection), and student names and notes are
// attacker-controlled, so such text cells get a leading apostrophe, which spreadsheets show as text.

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export function escapeCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, not user text; a negative number stays a number.
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
}
