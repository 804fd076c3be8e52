/** The dashboard overview: headline figures, match rate and the stage funnel, each chart with its table. */
import { percentText } from "../../worker/domain/dashboard/rates";
import type { Count } from "../../worker/domain/dashboard/funnel";
import { MEETINGS_WINDOW_DAYS, type Overview, RESPONSE_WINDOW_DAYS } from "../../worker/domain/dashboard/figures";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { DashboardHead, Figure } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string; type: string };
  overview: Overview;
}

/** The overview page. */
export function DashboardPage({ program, overview: o }: Props) {
  const base = `/programs/${program.id}`;
  const who = program.type === "peer" ? "participants" : "mentees";
  const { funnel } = o;
  return (
    <section>
      <DashboardHead program={program} title="Dashboard" tab="dashboard" view="overview" />
      <h2>Headline figures</h2>
      <dl class="figures">
        <Figure
          label="Pairings"
          value={funnel.total}
          note={`${funnel.now.find((s) => s.key === "active")!.n} active now`}
          href={`${base}/pairings`}
        />
        <Figure label="At risk" value={o.totals.atRisk} note="flagged by the journey" href={`${base}/at-risk`} />
        <Figure
          label="Check-in response rate"
          value={percentText(o.recent.answered, o.recent.expected)}
          note={`${o.recent.answered} of ${o.recent.expected} possible answers, check-ins opened in the last ${RESPONSE_WINDOW_DAYS} days`}
          href={`${base}/dashboard/checkins`}
        />
        <Figure
          label="Meetings held"
          value={o.meetingsHeld}
          note={`in the last ${MEETINGS_WINDOW_DAYS} days`}
          href={`${base}/dashboard/engagement`}
        />
        <Figure
          label="Mean goal progress"
          value={o.totals.meanGoalProgress === null ? "—" : `${o.totals.meanGoalProgress}%`}
          note={`over ${o.totals.withGoals} pairings with goals`}
          href={`${base}/dashboard/engagement`}
        />
      </dl>
      <h2>Match rate</h2>
      <p>
        <strong>{percentText(o.match.matched, o.match.total)}</strong>: {o.match.matched} of {o.match.total} active{" "}
        {who} are in a pairing that has not ended early.
      </p>
      <p class="hint">
        Match rate = active {who} of this program who are in at least one of its pairings that has not ended early (any
        stage but "Ended early"), divided by all its active {who}.
      </p>
      <h2>Stage funnel</h2>
      <p class="hint">
        How many of the {funnel.total} pairings reached each stage, now or before they were paused or ended early.
      </p>
      <StageChart id="funnel" title="Pairings that reached each stage" counts={funnel.reached} total={funnel.total} />
      <ChartTable
        caption="Pairings that reached each stage"
        head={["Stage", "Pairings", "Share of all pairings"]}
        rows={shareRows(funnel.reached, funnel.total)}
      />
      <h2>Pairings by stage now</h2>
      <StageChart id="now" title="Pairings in each stage now" counts={funnel.now} total={funnel.total} />
      <ChartTable
        caption="Pairings in each stage now"
        head={["Stage", "Pairings", "Share of all pairings"]}
        rows={shareRows(funnel.now, funnel.total)}
      />
    </section>
  );
}

/** A bar per stage, labelled with its count and share. */
function StageChart({ id, title, counts, total }: { id: string; title: string; counts: Count[]; total: number }) {
  const desc = counts.map((c) => `${c.label}: ${c.n}`).join(", ");
  return (
    <BarChart
      id={id}
      title={title}
      desc={desc}
      max={Math.max(1, total)}
      bars={counts.map((c) => ({ label: c.label, value: c.n, text: `${c.n} (${percentText(c.n, total)})` }))}
    />
  );
}

const shareRows = (counts: Count[], total: number) => counts.map((c) => [c.label, c.n, percentText(c.n, total)]);
