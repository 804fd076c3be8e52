/**
 * Language names people typed on their profile ("spanish", "Español", "sw"), named in the viewer's language through
 * `Intl.DisplayNames` ("Spanish", "espagnol", "西班牙语"); names no language of the list answers to stay as typed. Pure.
 */
import { intlTag, LOCALES, type Locale } from "../i18n/locales";

/** ISO 639-1 codes of the languages people most often list (names in any shipped language are recognised). */
const CODES = (
  "af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fil fr ga gl gu ha he hi hr hu hy id ig is it ja jv ka " +
  "kk km kn ko ku ky lo lt lv mg mk ml mn mr ms mt my ne nl no ny om pa pl ps pt qu ro ru rw sd si sk sl sm sn so sq " +
  "sr st su sv sw ta te tg th ti tk tl tr tt ug uk ur uz vi wo xh yi yo zh zu"
).split(" ");

let byName: Map<string, string> | null = null;

/** Every shipped locale's name of every listed language (and the code itself), lower-cased, to its code. */
function codes(): Map<string, string> {
  if (byName) return byName;
  const map = new Map<string, string>();
  for (const locale of LOCALES) {
    const names = new Intl.DisplayNames(intlTag(locale), { type: "language", fallback: "none" });
    for (const code of CODES) {
      const name = names.of(code);
      if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), code);
    }
  }
  for (const code of CODES) map.set(code, code);
  byName = map;
  return map;
}

/** A typed language name in `locale`'s words, or as typed when it names no known language. */
export function languageName(typed: string, locale: Locale): string {
  const code = codes().get(typed.trim().toLowerCase());
  if (!code) return typed;
  return new Intl.DisplayNames(intlTag(locale), { type: "language", fallback: "none" }).of(code) ?? typed;
}
