/** The dashboard overview: headline figures, match rate and the stage funnel, each chart with its table. */
import type { Count } from "../../worker/domain/dashboard/funnel";
import { MEETINGS_WINDOW_DAYS, type Overview, RESPONSE_WINDOW_DAYS } from "../../worker/domain/dashboard/figures";
import { STAGE_WORDS } from "../../worker/domain/dashboard/words";
import type { Stage } from "../../worker/domain/room/stages";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { useNumbers } from "../components/charts/numbers";
import { Rich, useI18n } from "../i18n";
import { DashboardHead, Figure } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string; type: string };
  overview: Overview;
}

/** The overview page. */
export function DashboardPage({ program, overview: o }: Props) {
  const { t } = useI18n();
  const { num, pctOf } = useNumbers();
  const base = `/programs/${program.id}`;
  const peer = program.type === "peer" ? "peer" : "other";
  const { funnel } = o;
  const head = [t("dashboard.col.stage"), t("dashboard.col.pairings"), t("dashboard.col.shareAll")];
  return (
    <section>
      <DashboardHead program={program} title={t("dashboard.title")} tab="dashboard" view="overview" />
      <h2>{t("dashboard.headline")}</h2>
      <dl class="figures">
        <Figure
          label={t("dashboard.fig.pairings")}
          value={num(funnel.total)}
          note={t("dashboard.fig.activeNow", { n: funnel.now.find((s) => s.key === "active")!.n })}
          href={`${base}/pairings`}
        />
        <Figure
          label={t("dashboard.fig.atRisk")}
          value={num(o.totals.atRisk)}
          note={t("dashboard.fig.atRiskNote")}
          href={`${base}/at-risk`}
        />
        <Figure
          label={t("dashboard.fig.responseRate")}
          value={pctOf(o.recent.answered, o.recent.expected)}
          note={t("dashboard.fig.responseNote", {
            answered: num(o.recent.answered),
            expected: num(o.recent.expected),
            days: RESPONSE_WINDOW_DAYS,
          })}
          href={`${base}/dashboard/checkins`}
        />
        <Figure
          label={t("dashboard.fig.meetingsHeld")}
          value={num(o.meetingsHeld)}
          note={t("dashboard.fig.lastDays", { days: MEETINGS_WINDOW_DAYS })}
          href={`${base}/dashboard/engagement`}
        />
        <Figure
          label={t("dashboard.fig.goalProgress")}
          value={o.totals.meanGoalProgress === null ? "—" : pctOf(o.totals.meanGoalProgress, 100)}
          note={t("dashboard.fig.withGoals", { n: o.totals.withGoals })}
          href={`${base}/dashboard/engagement`}
        />
      </dl>
      <h2>{t("dashboard.matchRate")}</h2>
      <p>
        <Rich
          id="dashboard.matchRate.text"
          values={{
            rate: pctOf(o.match.matched, o.match.total),
            matched: num(o.match.matched),
            total: num(o.match.total),
            group: t("dashboard.matchRate.group", { who: peer }),
          }}
        />
      </p>
      <p class="hint">{t("dashboard.matchRate.hint", { who: peer })}</p>
      <h2>{t("dashboard.funnel")}</h2>
      <p class="hint">{t("dashboard.funnel.hint", { n: funnel.total })}</p>
      <StageChart id="funnel" title={t("dashboard.funnel.chart")} counts={funnel.reached} total={funnel.total} />
      <ChartTable caption={t("dashboard.funnel.chart")} head={head} rows={useShareRows(funnel.reached, funnel.total)} />
      <h2>{t("dashboard.byStage")}</h2>
      <StageChart id="now" title={t("dashboard.byStage.chart")} counts={funnel.now} total={funnel.total} />
      <ChartTable caption={t("dashboard.byStage.chart")} head={head} rows={useShareRows(funnel.now, funnel.total)} />
    </section>
  );
}

/** A stage's name in the viewer's language. */
function useStageName() {
  const { t } = useI18n();
  return (c: Count) => (c.key in STAGE_WORDS ? t(STAGE_WORDS[c.key as Stage]) : c.label);
}

/** A bar per stage, labelled with its count and share. */
function StageChart({ id, title, counts, total }: { id: string; title: string; counts: Count[]; total: number }) {
  const { num, pctOf, list } = useNumbers();
  const name = useStageName();
  const desc = list(counts.map((c) => `${name(c)}: ${num(c.n)}`));
  return (
    <BarChart
      id={id}
      title={title}
      desc={desc}
      max={Math.max(1, total)}
      bars={counts.map((c) => ({ label: name(c), value: c.n, text: `${num(c.n)} (${pctOf(c.n, total)})` }))}
    />
  );
}

/** The table rows of a chart: stage, count and share. */
function useShareRows(counts: Count[], total: number) {
  const { num, pctOf } = useNumbers();
  const name = useStageName();
  return counts.map((c) => [name(c), num(c.n), pctOf(c.n, total)]);
}
