/** What a program's CSV downloads hold, as the exports page describes them. */

/** One download as the page lists it: its file kind, a title and sentence, and its columns. */
export interface ExportDescription {
  kind: string;
  title: string;
  about: string;
  columns: readonly string[];
}
