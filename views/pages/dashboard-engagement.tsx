/** Meetings and goals: pairings by meetings held, held vs missed, pairings by goal progress and goals by status. */
import type { Engagement } from "../../worker/domain/dashboard/figures";
import type { Count } from "../../worker/domain/dashboard/funnel";
import { percentText } from "../../worker/domain/dashboard/rates";
import { GOAL_STATUSES } from "../../worker/domain/room/goals";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { DashboardHead } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string };
  engagement: Engagement;
}

/** The engagement page. */
export function DashboardEngagementPage({ program, engagement: e }: Props) {
  const recorded = e.outcomes.held + e.outcomes.missed;
  const progress = [...e.progress, { key: "none", label: "No goals", n: e.noGoals }];
  const statuses = Object.entries(GOAL_STATUSES).map(([key, label]) => ({ key, label, n: e.goalStatuses[key] ?? 0 }));
  const goals = statuses.reduce((s, c) => s + c.n, 0);
  return (
    <section>
      <DashboardHead program={program} title="Meetings and goals" tab="dashboard" view="engagement" />
      <h2>Meetings held per pairing</h2>
      <p>
        Of the meetings whose outcome was recorded, {e.outcomes.held} were held and {e.outcomes.missed} missed (
        {percentText(e.outcomes.held, recorded)} held).
      </p>
      <CountChart id="held" title="Pairings by meetings held" counts={e.held} total={e.pairings} unit="pairings" />
      <ChartTable
        caption="Pairings by meetings held"
        head={["Meetings held", "Pairings", "Share of pairings"]}
        rows={rowsOf(e.held, e.pairings)}
      />
      <h2>Goal progress</h2>
      <p class="hint">Each pairing's mean progress over its goals that were not dropped.</p>
      <CountChart
        id="progress"
        title="Pairings by mean goal progress"
        counts={progress}
        total={e.pairings}
        unit="pairings"
      />
      <ChartTable
        caption="Pairings by mean goal progress"
        head={["Mean goal progress", "Pairings", "Share of pairings"]}
        rows={rowsOf(progress, e.pairings)}
      />
      <h2>Goals by status</h2>
      <CountChart id="status" title="Goals by status" counts={statuses} total={goals} unit="goals" />
      <ChartTable
        caption="Goals by status"
        head={["Status", "Goals", "Share of goals"]}
        rows={rowsOf(statuses, goals)}
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
  unit: string;
}) {
  const desc = counts.map((c) => `${c.label}: ${c.n} ${unit}`).join(", ");
  return (
    <BarChart
      id={id}
      title={title}
      desc={desc}
      max={Math.max(1, ...counts.map((c) => c.n))}
      bars={counts.map((c) => ({ label: c.label, value: c.n, text: `${c.n} (${percentText(c.n, total)})` }))}
    />
  );
}

const rowsOf = (counts: Count[], total: number) => counts.map((c) => [c.label, c.n, percentText(c.n, total)]);
