/** A program's milestone template, edited by its coordinators, with the plan it gives a pairing starting today. */
import { formatInstant } from "../../worker/domain/format-time";
import { milestoneName, type PlannedMilestone, TEMPLATE_FIELD_MAX } from "../../worker/domain/journey/template";
import { intlTag } from "../../worker/domain/i18n/locales";
import { useI18n } from "../i18n";
import { ActionProblem } from "../components/confirm";
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { ProgramNav } from "../components/program-nav";

interface ProgramJourneyProps {
  csrf: string;
  program: { id: string; name: string; cadenceDays: number; lengthWeeks: number };
  values: Record<string, string>;
  errors?: Errors;
  plan: PlannedMilestone[];
  timeZone: string;
  saved?: boolean;
  problem?: string;
}

/** The template page. */
export function ProgramJourneyPage({
  csrf,
  program,
  values,
  errors,
  plan,
  timeZone,
  saved,
  problem,
}: ProgramJourneyProps) {
  const { t, locale } = useI18n();
  const when = (at: number) => formatInstant(at, timeZone, intlTag(locale));
  return (
    <section class="narrow">
      <ProgramNav programId={program.id} tab="milestones" />
      <h1>{t("programs.nav.milestones")}</h1>
      <p>{t("programs.journey.intro")}</p>
      {saved ? (
        <p class="success" role="status">
          {t("programs.journey.saved")}
        </p>
      ) : null}
      <JourneyForm csrf={csrf} program={program} values={values} errors={errors} problem={problem} />
      <h2>{t("programs.journey.planTitle")}</h2>
      <ol>
        {plan.map((m) => (
          <li>
            {m.closes
              ? t("programs.journey.planOpen", { name: milestoneName(m, t), due: when(m.due), until: when(m.closes) })
              : t("programs.journey.plan", { name: milestoneName(m, t), due: when(m.due) })}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The template form; its first submission answers the confirmation in its place. */
export function JourneyForm({
  csrf,
  program,
  values,
  errors,
  problem,
}: Pick<ProgramJourneyProps, "csrf" | "program" | "values" | "errors" | "problem">) {
  const { t } = useI18n();
  const url = `/programs/${program.id}/journey`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <ErrorSummary errors={errors} />
      <ActionProblem message={problem} />
      <CsrfField token={csrf} />
      <TextInput
        name="agreementDays"
        label={t("programs.journey.agreementDays")}
        value={values.agreementDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="firstMeetingDays"
        label={t("programs.journey.firstMeetingDays")}
        value={values.firstMeetingDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="checkInEveryDays"
        label={t("programs.journey.checkInEveryDays")}
        value={values.checkInEveryDays}
        errors={errors}
        hint={t("programs.journey.everyHint", { days: program.cadenceDays })}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="checkInOpenDays"
        label={t("programs.journey.checkInOpenDays")}
        value={values.checkInOpenDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <label class="check">
        <input type="checkbox" name="midPoint" value="1" checked={values.midPoint === "1"} />{" "}
        {t("programs.journey.midPointBox")}
      </label>
      <label class="check">
        <input type="checkbox" name="wrapUpSurvey" value="1" checked={values.wrapUpSurvey === "1"} />{" "}
        {t("programs.journey.wrapUpBox")}
      </label>
      <button type="submit">{t("programs.journey.review")}</button>
    </form>
  );
}
