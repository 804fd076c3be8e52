/** Check-in trends by month: response rate and the share of each answer, each chart with its table. */
import type { CheckinPeriod } from "../../worker/domain/dashboard/checkin-trends";
import { ratio, sharesOf } from "../../worker/domain/dashboard/rates";
import { CHECKIN_ANSWER_WORDS, CHECKIN_CHOICES } from "../../worker/domain/journey/checkin-answers";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { useNumbers } from "../components/charts/numbers";
import { StackedBarChart } from "../components/charts/stacked-bar-chart";
import { useI18n } from "../i18n";
import { DashboardHead } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string };
  periods: CheckinPeriod[];
  timeZone: string;
}

/** The check-in page. */
export function DashboardCheckinsPage({ program, periods, timeZone }: Props) {
  const { t } = useI18n();
  return (
    <section>
      <DashboardHead program={program} title={t("dashboard.checkins.title")} tab="dashboard" view="checkins" />
      <p class="hint">{t("dashboard.checkins.hint", { zone: timeZone })}</p>
      {periods.length === 0 ? <p>{t("dashboard.checkins.none")}</p> : <Trends periods={periods} />}
    </section>
  );
}

/** Both charts and their tables. */
function Trends({ periods }: { periods: CheckinPeriod[] }) {
  const { t } = useI18n();
  const { num, pct, pctOf, list, month } = useNumbers();
  const labels = CHECKIN_CHOICES.map((c) => t(CHECKIN_ANSWER_WORDS[c.value]));
  const openNote = (p: CheckinPeriod) => (p.open > 0 ? ` · ${t("dashboard.checkins.stillOpen", { n: p.open })}` : "");
  const sharesAt = (p: CheckinPeriod) => sharesOf(CHECKIN_CHOICES.map((c) => p.answers[c.value]));
  return (
    <>
      <h2>{t("dashboard.checkins.rate")}</h2>
      <BarChart
        id="rate"
        title={t("dashboard.checkins.rateChart")}
        desc={list(periods.map((p) => `${month(p.key)}: ${pctOf(p.answered, p.expected)}${openNote(p)}`))}
        max={100}
        bars={periods.map((p) => ({
          label: month(p.key),
          value: Math.round((ratio(p.answered, p.expected) ?? 0) * 100),
          text:
            p.open > 0
              ? t("dashboard.checkins.open", { rate: pctOf(p.answered, p.expected) })
              : pctOf(p.answered, p.expected),
          hatched: p.open > 0,
        }))}
      />
      <ChartTable
        caption={t("dashboard.checkins.rateChart")}
        head={[
          t("dashboard.col.month"),
          t("dashboard.col.opened"),
          t("dashboard.col.stillOpen"),
          t("dashboard.col.answers"),
          t("dashboard.col.possible"),
          t("dashboard.col.rate"),
        ]}
        rows={periods.map((p) => [
          month(p.key),
          num(p.checkins),
          num(p.open),
          num(p.answered),
          num(p.expected),
          pctOf(p.answered, p.expected),
        ])}
      />
      <h2>{t("dashboard.checkins.answers")}</h2>
      <StackedBarChart
        id="answers"
        title={t("dashboard.checkins.answersChart")}
        desc={periods
          .map((p) => `${month(p.key)}: ${list(labels.map((label, k) => `${label} ${pct(sharesAt(p)[k]!)}`))}`)
          .join("; ")}
        parts={labels}
        rows={periods.map((p) => ({
          label: month(p.key),
          parts: CHECKIN_CHOICES.map((c) => p.answers[c.value]),
          text: t("dashboard.checkins.answerCount", { n: p.answered }),
        }))}
      />
      <ChartTable
        caption={t("dashboard.checkins.answersTable")}
        head={[t("dashboard.col.month"), ...labels, t("dashboard.col.answers")]}
        rows={periods.map((p) => {
          const shares = sharesAt(p);
          return [
            `${month(p.key)}${openNote(p)}`,
            ...CHECKIN_CHOICES.map((c, k) => `${num(p.answers[c.value])} (${p.answered ? pct(shares[k]!) : "—"})`),
            num(p.answered),
          ];
        })}
      />
    </>
  );
}
