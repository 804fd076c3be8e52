/** Opaque cursors for the API's lists: the last row's sort key, base64url, so clients never build one by hand. */

/** A list position: the sort value and id of the last row a page held. */
export interface Cursor {
  at: number;
  id: string;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(c: Cursor): string {
  return btoa(`${c.at}.${c.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes a cursor, or null when it is not one this API made. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw || raw.length > 300) return null;
  try {
    const text = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const m = /^(\d{1,16})\.([0-9A-Za-z_.:-]{1,160})$/.exec(text);
    return m ? { at: Number(m[1]), id: m[2]! } : null;
  } catch {
    return null;
  }
}

/** Rows shown per page by default and at most. */
export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 200;

/** The page size a `limit` query asks for, within bounds. */
export function pageSize(limit: string | undefined): number {
  const n = Number(limit ?? PAGE_DEFAULT);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, PAGE_MAX) : PAGE_DEFAULT;
}

/** A page of rows with the cursor of the next one (null on the last page), from `size + 1` fetched rows. */
export function pageOf<T>(rows: T[], size: number, key: (row: T) => Cursor): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, size);
  const last = data[data.length - 1];
  return { data, next_cursor: rows.length > size && last ? encodeCursor(key(last)) : null };
}
