/**
 * The participant's answers for a program: its own questions (optional) and, where allowed, how many mentors to get.
 */
import { ANSWER_MAX } from "../../worker/domain/matching/answers";
import type { MatchSettings } from "../../worker/domain/matching/settings";
import { CsrfField, ErrorSummary, type Errors, Field, TextInput, describedBy } from "../components/form";
import { useI18n } from "../i18n";

interface AnswersProps {
  csrf: string;
  program: { id: string; name: string };
  settings: MatchSettings;
  isMentee: boolean;
  values: Record<string, string>;
  errors?: Errors;
  saved?: boolean;
}

/** The answers page. */
export function ProgramAnswersPage({ csrf, program, settings, isMentee, values, errors, saved }: AnswersProps) {
  const { t } = useI18n();
  const action = `/programs/${program.id}/me/answers`;
  const asksWants = isMentee && settings.maxMentorsPerMentee > 1;
  return (
    <section class="narrow">
      <p>
        <a href={`/programs/${program.id}/me`}>← {program.name}</a>
      </p>
      <h1>{t("programs.answers.title")}</h1>
      {saved ? (
        <p class="success" role="status">
          {t("programs.answers.saved")}
        </p>
      ) : null}
      {settings.attributes.length === 0 && !asksWants ? (
        <p>{t("programs.answers.nothing")}</p>
      ) : (
        <form method="post" action={action}>
          <ErrorSummary errors={errors} />
          <CsrfField token={csrf} />
          {settings.attributes.map((a) => (
            <TextInput
              name={`attr_${a.key}`}
              label={a.label}
              value={values[`attr_${a.key}`]}
              errors={errors}
              hint={t(a.weight > 0 ? "programs.answers.hintWeighted" : "programs.answers.hintFairness")}
              maxlength={String(ANSWER_MAX)}
            />
          ))}
          {asksWants ? (
            <Field name="wants" label={t("programs.answers.wants")} errors={errors}>
              <select name="wants" {...describedBy("wants", errors)}>
                {Array.from({ length: settings.maxMentorsPerMentee }, (_, i) => String(i + 1)).map((n) => (
                  <option value={n} selected={(values.wants ?? "1") === n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <button type="submit">{t("programs.answers.save")}</button>
        </form>
      )}
    </section>
  );
}
