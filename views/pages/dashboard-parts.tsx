/** What every dashboard page shares: the heading, the program's tabs and the dashboard's own sub-pages. */
import type { Child } from "hono/jsx";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { ProgramNav, type ProgramTab } from "../components/program-nav";
import { useI18n } from "../i18n";

export type DashboardView = "overview" | "checkins" | "engagement" | "surveys";

const VIEWS: [DashboardView, MessageId, string][] = [
  ["overview", "dashboard.view.overview", ""],
  ["checkins", "dashboard.view.checkins", "/checkins"],
  ["engagement", "dashboard.view.engagement", "/engagement"],
  ["surveys", "surveys.dashboard.view", "/surveys"],
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
  const { t } = useI18n();
  const base = `/programs/${program.id}/dashboard`;
  return (
    <>
      <p class="crumbs" dir="auto">
        {program.name}
      </p>
      <h1>{title}</h1>
      <ProgramNav programId={program.id} tab={tab} />
      {view ? (
        <nav aria-label={t("dashboard.subnav")} class="subnav">
          {VIEWS.map(([key, label, path]) => (
            <a href={base + path} aria-current={key === view ? "page" : undefined}>
              {t(label)}
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
