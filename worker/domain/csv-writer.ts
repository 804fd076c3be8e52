/**
 * Writing CSV (RFC 4180) that is safe to open in a spreadsheet.
 *
 * - Records end with CRLF; a field is quoted when it holds `"`, `,`, CR or LF, with quotes doubled. Line breaks inside
 * a
 *   text are written as LF (CRLF and a lone CR become LF): spreadsheets use LF inside a cell, and our reader (like
 *   many) folds a quoted CRLF to LF, so normalising keeps a round trip exact.
 * - Formula injection (OWASP "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, TAB or CR — or their
 *   full-width forms ＝ ＋ － ＠ that some spreadsheets also read as formulas — gets a leading `'`, so it is shown as text.
 *   Numbers are written as they are (a negative number stays a number); times are ISO 8601 strings, which start with a
 *   digit.
 * - Files start with a UTF-8 byte order mark: Excel opens a CSV without one in the system's legacy code page and
 * garbles
 *   every non-ASCII name. LibreOffice, Numbers, Google Sheets and our own reader (worker/domain/csv.ts) skip it.
 */

/** What a cell may hold: text, a number, a yes/no, or nothing. */
export type CsvValue = string | number | boolean | null | undefined;

/** The byte order mark every exported file starts with (see the module comment). */
export const CSV_BOM = "\uFEFF";

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** Whether a text would be read as a formula by a spreadsheet (and so needs the `'` guard). */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_START.has(text[0]!);
}

/** A text made safe for a spreadsheet: line breaks as LF, and a leading `'` when it starts like a formula. */
export function guardText(text: string): string {
  const folded = text.replace(/\r\n?/g, "\n");
  return startsLikeFormula(folded) ? `'${folded}` : folded;
}

/** One field as it appears in the file: guarded when it is text, then quoted when RFC 4180 needs it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const text = guardText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One record with its CRLF; a record of a single empty field is written `""` so readers do not take it for a blank
 * line.
 */
export function csvRecord(values: readonly CsvValue[]): string {
  const fields = values.map(csvField);
  if (fields.length === 1 && fields[0] === "") return '""\r\n';
  return `${fields.join(",")}\r\n`;
}

/** An instant (epoch ms) as ISO 8601 UTC, or empty when unknown. */
export function isoUtc(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15
    ? ""
    : new Date(ms).toISOString();
}
