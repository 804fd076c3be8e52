import type { MessageId } from "../../worker/domain/i18n/translate";
import { useI18n } from "../i18n";
import { Icon, type IconName } from "./icon";

/** The tabs every coordinator page of a program shares: overview, dashboard, at-risk list, pairings and the tools. */
export type ProgramTab =
  | "overview"
  | "dashboard"
  | "at-risk"
  | "pairings"
  | "matching"
  | "milestones"
  | "message"
  | "exports"
  | "audit"
  | "api"
  | "webhooks"
  | "surveys"
  | "library";

const TABS: [ProgramTab, MessageId, string, IconName][] = [
  ["overview", "programs.nav.overview", "", "grid"],
  ["dashboard", "programs.nav.dashboard", "/dashboard", "chart"],
  ["at-risk", "programs.nav.atRisk", "/at-risk", "alert"],
  ["pairings", "programs.nav.pairings", "/pairings", "users"],
  ["matching", "programs.nav.matching", "/matching", "match"],
  ["milestones", "programs.nav.milestones", "/journey", "flag"],
  ["message", "programs.nav.message", "/message", "mail"],
  ["exports", "programs.nav.exports", "/exports", "download"],
  ["audit", "programs.nav.audit", "/audit", "list"],
  ["api", "platform.nav.api", "/api-tokens", "link"],
  ["webhooks", "platform.nav.webhooks", "/webhooks", "send"],
  ["surveys", "resources.nav.surveys", "/surveys", "check"],
  ["library", "resources.nav.library", "/library", "note"],
];

/**
 * The program's tabs as one bar that scrolls sideways on narrow screens, the current one marked (and scrolled into
 * view where the browser supports scroll-initial-target).
 */
export function ProgramNav({ programId, tab }: { programId: string; tab: ProgramTab }) {
  const { t } = useI18n();
  const base = `/programs/${programId}`;
  return (
    <nav aria-label={t("programs.nav.label")} class="tabs">
      {TABS.map(([key, label, path, icon]) => (
        <a href={base + path} aria-current={key === tab ? "page" : undefined}>
          <Icon name={icon} />
          {t(label)}
        </a>
      ))}
    </nav>
  );
}
