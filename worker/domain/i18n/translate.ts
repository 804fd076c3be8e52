/**
 * Turning message ids into text in a locale: the compiled catalogs (catalogs.gen.ts, built from messages/*.json) run by
 * @lingui/core's runtime, which applies ICU plurals and selects with the locale's `Intl` rules. A message missing from
 * a catalog falls back to English (the catalog tests keep every catalog complete).
 */
import { type I18n, setupI18n } from "@lingui/core";
import { catalogOf, type MessageId } from "./catalogs.gen";
import { DEFAULT_LOCALE, directionOf, type Locale } from "./locales";

export type { MessageId } from "./catalogs.gen";

/** Values a message interpolates: text, or numbers for plurals and `#`. */
export type MessageValues = Record<string, string | number>;

/** Translates a message id with its values into the text of one locale. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

const runtimes = new Map<Locale, I18n>();

/** The Lingui runtime of one locale, with English loaded beside it for fallback (made once per isolate). */
function runtimeOf(locale: Locale): I18n {
  let i18n = runtimes.get(locale);
  if (!i18n) {
    const english = catalogOf(DEFAULT_LOCALE) ?? {};
    i18n = setupI18n({
      locale,
      messages: { [locale]: { ...english, ...catalogOf(locale) } },
    });
    runtimes.set(locale, i18n);
  }
  return i18n;
}

/** Between a message id and its values in a `msg` text. */
const VALUES_MARK = "\u0000";

/**
 * A message id (and its values) as a validation message: schemas carry these, and the form components translate them
 * when they show them (`messageOf`); messages that are not ids are shown as they are.
 */
export function msg(id: MessageId, values?: MessageValues): string {
  return values ? `${id}${VALUES_MARK}${JSON.stringify(values)}` : id;
}

/** True when a text is a message id of the English catalog. */
export function isMessageId(text: string): text is MessageId {
  return Object.hasOwn(catalogOf(DEFAULT_LOCALE) ?? {}, text);
}

/** The id and values a `msg` text holds, or null when the text is not one. */
export function messageOf(text: string): { id: MessageId; values?: MessageValues } | null {
  const [id = "", json] = text.split(VALUES_MARK);
  if (!isMessageId(id)) return null;
  if (json === undefined) return { id };
  try {
    return { id, values: JSON.parse(json) as MessageValues };
  } catch {
    return { id };
  }
}

/** A strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms). */
const RTL_CHARACTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** Unicode's first-strong isolate and pop directional isolate (UAX #9). */
const FSI = "\u2068";
const PDI = "\u2069";

/** The names of the arguments a compiled message chooses a branch by (select, plural): their values are keys, not text. */
function selectorsIn(tokens: unknown, into: Set<string>): Set<string> {
  if (!Array.isArray(tokens)) return into;
  for (const token of tokens) {
    if (!Array.isArray(token) || typeof token[0] !== "string") continue;
    const branches = token[2];
    if (branches && typeof branches === "object") {
      into.add(token[0]);
      for (const branch of Object.values(branches)) selectorsIn(branch, into);
    }
  }
  return into;
}

const selectorCache = new Map<string, ReadonlySet<string>>();

/** The selector arguments of one message in one locale (cached per isolate). */
function selectorsOf(locale: Locale, id: string): ReadonlySet<string> {
  const key = `${locale}\u0000${id}`;
  let found = selectorCache.get(key);
  if (!found) {
    const compiled = catalogOf(locale)?.[id] ?? catalogOf(DEFAULT_LOCALE)?.[id];
    found = selectorsIn(compiled, new Set());
    selectorCache.set(key, found);
  }
  return found;
}

/**
 * Text values wrapped in directional isolates where the direction could clash: every text value in a right-to-left
 * locale (a Latin name or an email address inside Arabic), and a value holding right-to-left letters in a left-to-right
 * one (an Arabic name inside English). Works in pages, attributes and plain-text mail alike. Values a message selects
 * a branch by (`{field, select, …}`) are keys and pass as they are, as do values isolated already.
 */
export function isolated(
  locale: Locale,
  values: MessageValues | undefined,
  selectors: ReadonlySet<string> = new Set(),
): MessageValues | undefined {
  if (!values) return values;
  const rtl = directionOf(locale) === "rtl";
  let out: MessageValues | undefined;
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== "string" || value === "" || !(rtl || RTL_CHARACTER.test(value))) continue;
    if (selectors.has(key)) continue;
    if (value.startsWith(FSI) && value.endsWith(PDI)) continue; // isolated already (a view's `isolated`)
    out ??= { ...values };
    out[key] = `${FSI}${value}${PDI}`;
  }
  return out ?? values;
}

/** A translator for one locale. */
export function translator(locale: Locale): Translate {
  const i18n = runtimeOf(locale);
  return (id, values) => i18n._(id, values && isolated(locale, values, selectorsOf(locale, id)));
}

/** The greeting a mail opens with: "Hello Ana," or, without a name, "Hello,". */
export function greeting(name: string, t: Translate): string {
  return name.trim() ? t("mail.helloNamed", { name: name.trim() }) : t("mail.hello");
}
