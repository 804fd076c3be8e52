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

const TABS: [ProgramTab, string, string][] = [
  ["overview", "Overview", ""],
  ["dashboard", "Dashboard", "/dashboard"],
  ["at-risk", "At risk", "/at-risk"],
  ["pairings", "Pairings", "/pairings"],
  ["matching", "Matching", "/matching"],
  ["milestones", "Milestones", "/journey"],
  ["message", "Message participants", "/message"],
  ["exports", "Exports", "/exports"],
  ["audit", "Audit log", "/audit"],
];

/** The program's name as a crumb and its tabs, the current one marked. */
export function ProgramNav({
  programId,
  programName,
  tab,
}: {
  programId: string;
  programName: string;
  tab: ProgramTab;
}) {
  const base = `/programs/${programId}`;
  return (
    <nav aria-label="Program" class="tabs">
      {TABS.map(([key, label, path]) => (
        <a href={base + path} aria-current={key === tab ? "page" : undefined}>
          {key === "overview" ? programName : label}
        </a>
      ))}
    </nav>
  );
}
