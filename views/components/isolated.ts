/** Keeping times, zones, names and titles readable inside sentences of a right-to-left page. */
import { useI18n } from "../i18n";

/**
 * Text that keeps its own direction inside a sentence of a right-to-left page (Unicode first-strong isolates): times,
 * time zones, names and titles, so "18:00–19:00" is not read backwards around Arabic words. Left-to-right pages get
 * the text as it is.
 */
export function isolated(text: string): string {
  return useI18n().dir === "rtl" ? `\u2068${text}\u2069` : text;
}
