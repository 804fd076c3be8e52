/** Numbers and percentages on the dashboard pages, written the way the viewer's locale writes them. */
import { intlTag } from "../../../worker/domain/i18n/locales";
import { ratio } from "../../../worker/domain/dashboard/rates";
import { useI18n } from "../../i18n";

/**
 * Formatters for the viewer's locale: `num(1234)`, `pct(83)` ("83%"), `pctOf(5, 6)` ("83%", or "—" for 0/0), and
 * `list(["a: 1", "b: 2"])` ("a: 1, b: 2") for chart descriptions, `month("2026-03")` ("Mar 2026").
 */
export function useNumbers(): Numbers {
  const tag = intlTag(useI18n().locale);
  let kept = byTag.get(tag);
  if (!kept) {
    kept = numbersFor(tag);
    byTag.set(tag, kept);
  }
  return kept;
}

/** What `useNumbers` gives. */
export type Numbers = ReturnType<typeof numbersFor>;

/** The formatters of each locale, made once per isolate (building an Intl formatter costs far more than using it). */
const byTag = new Map<string, ReturnType<typeof numbersFor>>();

function numbersFor(tag: string) {
  const plain = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const pct = (whole: number) => percent.format(whole / 100);
  const items = new Intl.ListFormat(tag, { style: "short", type: "unit" });
  const months = new Intl.DateTimeFormat(tag, { month: "short", year: "numeric", timeZone: "UTC" });
  // Charts name the same dozen months on every page: each name is written once.
  const monthNames = new Map<string, string>();
  return {
    num: (n: number) => plain.format(n),
    list: (parts: string[]) => items.format(parts),
    /** A month key like "2026-03" as the locale names it ("Mar 2026"); other keys as they are. */
    month: (key: string) => {
      let name = monthNames.get(key);
      if (name === undefined) {
        const m = /^(\d{4})-(\d{2})$/.exec(key);
        name = m ? months.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : key;
        if (monthNames.size < 1000) monthNames.set(key, name);
      }
      return name;
    },
    pct,
    pctOf: (part: number, whole: number) => {
      const r = ratio(part, whole);
      return r === null ? "—" : pct(Math.round(r * 100));
    },
  };
}
