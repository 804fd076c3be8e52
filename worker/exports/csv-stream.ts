/** A CSV download as a stream: one D1 query per page (keyset pagination), so no export ever holds every row at once. */
import { CSV_BOM, type CsvValue, csvRecord } from "../domain/csv-writer";

/** Rows a page query answers, and the cursor to continue after (null at the end). */
export interface CsvPage<C> {
  rows: CsvValue[][];
  next: C | null;
}

/** An export: its header and a function that reads the page after a cursor (null for the first page). */
export interface CsvSource<C> {
  header: readonly string[];
  page: (after: C | null) => Promise<CsvPage<C>>;
}

/** Rows per D1 query. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Streams the BOM and header (each column's key through `header`, the coordinator's words), then each page as it is
 * read; a failing query ends the stream with an error.
 */
export function csvStream<C>(
  source: CsvSource<C>,
  header: (column: string) => string = (column) => column,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRecord(source.header.map(header))));
        return;
      }
      const { rows, next } = await source.page(cursor);
      if (rows.length) controller.enqueue(encoder.encode(rows.map(csvRecord).join("")));
      if (next === null) controller.close();
      else cursor = next;
    },
  });
}

/** The cursor after a full page (the last row's keys), or null when the page was the last. */
export function nextCursor<R, C>(rows: R[], keyOf: (row: R) => C, pageSize = EXPORT_PAGE_SIZE): C | null {
  return rows.length < pageSize ? null : keyOf(rows[rows.length - 1]!);
}
