/** Match reasons ("shares 2 goals", "shared language: Spanish") in the viewer's words, wherever a match is shown. */
import { reasonText } from "../../worker/domain/matching/reason-words";
import { useI18n } from "../i18n";

/** The reasons of a match (a proposal, an alternative, a mentor on offer) in the viewer's words, joined with " · ". */
export function useReasons(): (reasons: readonly string[]) => string {
  const { t, locale } = useI18n();
  return (reasons) => reasons.map((r) => reasonText(r, locale, t)).join(" · ");
}
