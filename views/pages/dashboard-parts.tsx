/** What every dashboard page shares: the heading, the program's tabs and the dashboard's own sub-pages. */
import type { Child } from "hono/jsx";
import { ProgramNav, type ProgramTab } from "../components/program-nav";

export type DashboardView = "overview" | "checkins" | "engagement";

const VIEWS: [DashboardView, string, string][] = [
  ["overview", "Overview", ""],
  ["checkins", "Check-ins", "/checkins"],
  ["engagement", "Meetings and goals", "/engagement"],
];

/** The program's name, the page's heading and the tabs (and, on dashboard pages, the dashboard's sub-pages). */
export function DashboardHead({
  program,
  title,
  tab,
  view,
}: {
  program: { id: string; name: string };
  title: string;
  tab: ProgramTab;
  view?: DashboardView;
}) {
  const base = `/programs/${program.id}/dashboard`;
  return (
    <>
      <p class="crumbs">{program.name}</p>
      <h1>{title}</h1>
      <ProgramNav programId={program.id} tab={tab} />
      {view ? (
        <nav aria-label="Dashboard pages" class="subnav">
          {VIEWS.map(([key, label, path]) => (
            <a href={base + path} aria-current={key === view ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
      ) : null}
    </>
  );
}

/** A headline figure: what it is, its value, a line of context and where to read more. */
export function Figure({ label, value, note, href }: { label: string; value: Child; note: Child; href: string }) {
  return (
    <div>
      <dt>
        <a href={href}>{label}</a>
      </dt>
      <dd>{value}</dd>
      <dd class="hint">{note}</dd>
    </div>
  );
}
