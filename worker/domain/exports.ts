/** What a program's CSV downloads hold, as the exports page describes them. */
import type { MessageId } from "./i18n/translate";

/** One download as the page lists it: its file kind, a title and sentence, and its columns. */
export interface ExportDescription {
  kind: string;
  title: MessageId;
  about: MessageId;
  columns: readonly string[];
}
