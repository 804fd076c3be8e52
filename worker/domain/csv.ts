/** A small RFC 4180 CSV parser that remembers the physical line each record starts on. */

export interface CsvRecord {
  /** 1-based physical line where the record starts (quoted newlines make records span lines). */
  line: number;
  cells: string[];
}

/** `truncated`: parsing stopped after `maxRecords` records, so the text holds more than were returned. */
export type CsvResult =
  | { ok: true; records: CsvRecord[]; truncated: boolean }
  | { ok: false; line: number; error: string };

/**
 * Parses CSV text: strips a UTF-8 BOM, accepts CRLF, LF or CR line ends, quoted fields with commas, doubled quotes and
 * newlines. Blank lines are skipped. An unterminated quote is an error naming the line it opened on. Stops after
 * `maxRecords` records, so a file of a million short lines cannot exhaust the isolate's memory.
 */
export function parseCsv(
  text: string,
  { maxRecords = Number.POSITIVE_INFINITY }: { maxRecords?: number } = {},
): CsvResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let cellWasQuoted = false;

  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "" && !cellWasQuoted)) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    cellWasQuoted = false;
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n" || (ch === "\r" && src[i + 1] !== "\n")) line++;
        cell += ch === "\r" && src[i + 1] === "\n" ? "" : ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      inQuotes = true;
      cellWasQuoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      if (records.length >= maxRecords) return { ok: true, records, truncated: /[^\r\n]/.test(src.slice(i + 1)) };
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (inQuotes) return { ok: false, line: quoteLine, error: 'A quoted field is never closed (a " is missing).' };
  if (cell !== "" || cells.length > 0 || cellWasQuoted) endRecord();
  return { ok: true, records, truncated: false };
}

/** Decodes UTF-8 bytes (dropping a BOM); null when they are not valid UTF-8 (e.g. a Windows-1252 export). */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}
