/**
 * Reading domain messages as an English reader would: rules return `msg` texts (message ids with their values) that
 * pages translate; tests that check the words turn them into English here.
 */
import { messageOf, translator } from "../worker/domain/i18n/translate";

const en = translator("en");

/** A `msg` text in English (other text, and null, as they are). */
export function english<T extends string | null | undefined>(text: T): T {
  if (typeof text !== "string") return text;
  const m = messageOf(text);
  return (m ? en(m.id, m.values) : text) as T;
}

/** Every string inside a value (objects, arrays) in English, as `english` reads it. */
export function englishAll<T>(value: T): T {
  if (typeof value === "string") return english(value) as T;
  if (Array.isArray(value)) return value.map(englishAll) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, englishAll(v)])) as T;
  return value;
}
