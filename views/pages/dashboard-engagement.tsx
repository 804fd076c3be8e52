/** Meetings and goals: pairings by meetings held, held vs missed, pairings by goal progress and goals by status. */
import { HELD_BUCKETS, PROGRESS_BUCKETS } from "../../worker/domain/dashboard/distributions";
import type { Engagement } from "../../worker/domain/dashboard/figures";
import type { Count } from "../../worker/domain/dashboard/funnel";
import { GOAL_STATUS_WORDS } from "../../worker/domain/dashboard/words";
import { GOAL_STATUSES, type GoalStatus } from "../../worker/domain/room/goals";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { useNumbers } from "../components/charts/numbers";
import { useI18n } from "../i18n";
import { DashboardHead } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string };
  engagement: Engagement;
}

type Unit = "pairings" | "goals";

/** The engagement page. */
export function DashboardEngagementPage({ program, engagement: e }: Props) {
  const { t } = useI18n();
  const { num, pct, pctOf } = useNumbers();
  const recorded = e.outcomes.held + e.outcomes.missed;
  const held = e.held.map((c) => {
    const b = HELD_BUCKETS.find((x) => x.key === c.key);
    const label = !b
      ? c.label
      : b.min === b.max
        ? t("dashboard.held.exactly", { n: b.min })
        : b.max === Number.POSITIVE_INFINITY
          ? t("dashboard.held.atLeast", { n: b.min })
          : t("dashboard.held.between", { min: num(b.min), max: num(b.max) });
    return { ...c, label };
  });
  const progress = [
    ...e.progress.map((c) => {
      const b = PROGRESS_BUCKETS.find((x) => x.key === c.key);
      return { ...c, label: !b ? c.label : b.min === b.max ? pct(b.min) : `${num(b.min)}–${pct(b.max)}` };
    }),
    { key: "none", label: t("dashboard.noGoals"), n: e.noGoals },
  ];
  const statuses = (Object.keys(GOAL_STATUSES) as GoalStatus[]).map((key) => ({
    key,
    label: t(GOAL_STATUS_WORDS[key]),
    n: e.goalStatuses[key] ?? 0,
  }));
  const goals = statuses.reduce((s, c) => s + c.n, 0);
  const pairingsHead = t("dashboard.col.pairings");
  const sharePairings = t("dashboard.col.sharePairings");
  return (
    <section>
      <DashboardHead program={program} title={t("dashboard.engagement.title")} tab="dashboard" view="engagement" />
      <h2>{t("dashboard.engagement.held")}</h2>
      <p>
        {t("dashboard.engagement.outcomes", {
          held: e.outcomes.held,
          missed: num(e.outcomes.missed),
          share: pctOf(e.outcomes.held, recorded),
        })}
      </p>
      <CountChart
        id="held"
        title={t("dashboard.engagement.heldChart")}
        counts={held}
        total={e.pairings}
        unit="pairings"
      />
      <ChartTable
        caption={t("dashboard.engagement.heldChart")}
        head={[t("dashboard.col.meetingsHeld"), pairingsHead, sharePairings]}
        rows={useRows(held, e.pairings)}
      />
      <h2>{t("dashboard.engagement.progress")}</h2>
      <p class="hint">{t("dashboard.engagement.progressHint")}</p>
      <CountChart
        id="progress"
        title={t("dashboard.engagement.progressChart")}
        counts={progress}
        total={e.pairings}
        unit="pairings"
      />
      <ChartTable
        caption={t("dashboard.engagement.progressChart")}
        head={[t("dashboard.fig.goalProgress"), pairingsHead, sharePairings]}
        rows={useRows(progress, e.pairings)}
      />
      <h2>{t("dashboard.engagement.statuses")}</h2>
      <CountChart id="status" title={t("dashboard.engagement.statuses")} counts={statuses} total={goals} unit="goals" />
      <ChartTable
        caption={t("dashboard.engagement.statuses")}
        head={[t("dashboard.col.status"), t("dashboard.col.goals"), t("dashboard.col.shareGoals")]}
        rows={useRows(statuses, goals)}
      />
    </section>
  );
}

/** A bar per bucket, labelled with its count and share. */
function CountChart({
  id,
  title,
  counts,
  total,
  unit,
}: {
  id: string;
  title: string;
  counts: Count[];
  total: number;
  unit: Unit;
}) {
  const { t } = useI18n();
  const { num, pctOf, list } = useNumbers();
  const desc = list(
    counts.map(
      (c) =>
        `${c.label}: ${unit === "goals" ? t("dashboard.goalCount", { n: c.n }) : t("dashboard.pairingCount", { n: c.n })}`,
    ),
  );
  return (
    <BarChart
      id={id}
      title={title}
      desc={desc}
      max={Math.max(1, ...counts.map((c) => c.n))}
      bars={counts.map((c) => ({ label: c.label, value: c.n, text: `${num(c.n)} (${pctOf(c.n, total)})` }))}
    />
  );
}

/** The table rows of a chart: bucket, count and share. */
function useRows(counts: Count[], total: number) {
  const { num, pctOf } = useNumbers();
  return counts.map((c) => [c.label, num(c.n), pctOf(c.n, total)]);
}
