/** The dashboard's survey results: the program's surveys to pick from, and the chosen one's charts, tables and CSV. */
import type { QuestionResult, SurveyRow } from "../../worker/domain/surveys/survey";
import { useI18n } from "../i18n";
import { DashboardHead } from "./dashboard-parts";
import { SurveyResults, SurveySummary } from "./surveys";

/** The page: `chosen` is the survey shown (with `results`), null when the program has none. */
export function DashboardSurveysPage({
  program,
  surveys,
  chosen,
  results,
}: {
  program: { id: string; name: string };
  surveys: SurveyRow[];
  chosen: SurveyRow | null;
  results: QuestionResult[];
}) {
  const { t } = useI18n();
  const base = `/programs/${program.id}`;
  return (
    <section>
      <DashboardHead program={program} title={t("surveys.dashboard.title")} tab="dashboard" view="surveys" />
      {chosen ? (
        <>
          {surveys.length > 1 ? (
            <nav aria-label={t("surveys.dashboard.pick")} class="subnav">
              {surveys.map((s) => (
                <a
                  href={`${base}/dashboard/surveys?survey=${s.id}`}
                  aria-current={s.id === chosen.id ? "page" : undefined}
                  dir="auto"
                >
                  {s.title}
                </a>
              ))}
            </nav>
          ) : null}
          <h2 dir="auto">{chosen.title}</h2>
          <SurveySummary survey={chosen} />
          <SurveyResults base={`${base}/surveys/${chosen.id}`} results={results} />
        </>
      ) : (
        <p>
          {t("surveys.dashboard.none")} <a href={`${base}/surveys`}>{t("surveys.new")}</a>
        </p>
      )}
    </section>
  );
}
