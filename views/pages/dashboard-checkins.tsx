/** Check-in trends by month: response rate and the share of each answer, each chart with its table. */
import type { CheckinPeriod } from "../../worker/domain/dashboard/checkin-trends";
import { percentText, ratio, sharesOf } from "../../worker/domain/dashboard/rates";
import { CHECKIN_CHOICES } from "../../worker/domain/journey/checkin-answers";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { StackedBarChart } from "../components/charts/stacked-bar-chart";
import { DashboardHead } from "./dashboard-parts";

interface Props {
  program: { id: string; name: string };
  periods: CheckinPeriod[];
  timeZone: string;
}

const openNote = (p: CheckinPeriod) => (p.open > 0 ? ` · ${p.open} still open` : "");

/** The check-in page. */
export function DashboardCheckinsPage({ program, periods, timeZone }: Props) {
  return (
    <section>
      <DashboardHead program={program} title="Check-ins" tab="dashboard" view="checkins" />
      <p class="hint">
        By the calendar month a check-in opened, in your time zone ({timeZone}), for the last 12 months with check-ins.
        Response rate = answers ÷ (members × check-ins opened). Striped bars are months with check-ins still open: their
        figures can still change.
      </p>
      {periods.length === 0 ? <p>No check-ins have opened yet.</p> : <Trends periods={periods} />}
    </section>
  );
}

/** Both charts and their tables. */
function Trends({ periods }: { periods: CheckinPeriod[] }) {
  const labels = CHECKIN_CHOICES.map((c) => c.label);
  return (
    <>
      <h2>Response rate by month</h2>
      <BarChart
        id="rate"
        title="Check-in response rate by month"
        desc={periods.map((p) => `${p.label}: ${percentText(p.answered, p.expected)}${openNote(p)}`).join(", ")}
        max={100}
        bars={periods.map((p) => ({
          label: p.label,
          value: Math.round((ratio(p.answered, p.expected) ?? 0) * 100),
          text: `${percentText(p.answered, p.expected)}${p.open > 0 ? " (open)" : ""}`,
          hatched: p.open > 0,
        }))}
      />
      <ChartTable
        caption="Check-in response rate by month"
        head={["Month", "Check-ins opened", "Still open", "Answers", "Possible answers", "Response rate"]}
        rows={periods.map((p) => [
          p.label,
          p.checkins,
          p.open,
          p.answered,
          p.expected,
          percentText(p.answered, p.expected),
        ])}
      />
      <h2>Answers by month</h2>
      <StackedBarChart
        id="answers"
        title="Share of each check-in answer by month"
        desc={periods
          .map(
            (p) =>
              `${p.label}: ${CHECKIN_CHOICES.map((c, k) => `${c.label} ${sharesOf(CHECKIN_CHOICES.map((x) => p.answers[x.value]))[k]}%`).join(", ")}`,
          )
          .join("; ")}
        parts={labels}
        rows={periods.map((p) => ({
          label: p.label,
          parts: CHECKIN_CHOICES.map((c) => p.answers[c.value]),
          text: p.answered ? `${p.answered} answers` : "no answers",
        }))}
      />
      <ChartTable
        caption="Check-in answers by month"
        head={["Month", ...labels, "Answers"]}
        rows={periods.map((p) => {
          const shares = sharesOf(CHECKIN_CHOICES.map((c) => p.answers[c.value]));
          return [
            `${p.label}${openNote(p)}`,
            ...CHECKIN_CHOICES.map((c, k) => `${p.answers[c.value]} (${p.answered ? `${shares[k]}%` : "—"})`),
            p.answered,
          ];
        })}
      />
    </>
  );
}
