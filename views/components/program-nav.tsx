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
  | "audit";

const TABS: [ProgramTab, string, string, IconName][] = [
  ["overview", "Overview", "", "grid"],
  ["dashboard", "Dashboard", "/dashboard", "chart"],
  ["at-risk", "At risk", "/at-risk", "alert"],
  ["pairings", "Pairings", "/pairings", "users"],
  ["matching", "Matching", "/matching", "match"],
  ["milestones", "Milestones", "/journey", "flag"],
  ["message", "Message participants", "/message", "mail"],
  ["exports", "Exports", "/exports", "download"],
  ["audit", "Audit log", "/audit", "list"],
  ["surveys" as ProgramTab, "Surveys", "/surveys", "check"],
  ["library" as ProgramTab, "Library", "/library", "note"],
];

/**
 * The program's tabs as one bar that scrolls sideways on narrow screens, the current one marked (and scrolled into
 * view where the browser supports scroll-initial-target).
 */
export function ProgramNav({ programId, tab }: { programId: string; tab: ProgramTab }) {
  const base = `/programs/${programId}`;
  return (
    <nav aria-label="Program" class="tabs">
      {TABS.map(([key, label, path, icon]) => (
        <a href={base + path} aria-current={key === tab ? "page" : undefined}>
          <Icon name={icon} />
          {label}
        </a>
      ))}
    </nav>
  );
}
