/**
 * The participant's answers for a program: its own questions (optional) and, where allowed, how many mentors to get.
 */
import { ANSWER_MAX } from "../../worker/domain/matching/answers";
import type { MatchSettings } from "../../worker/domain/matching/settings";
import { CsrfField, ErrorSummary, type Errors, Field, TextInput, describedBy } from "../components/form";

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
  const action = `/programs/${program.id}/me/answers`;
  const asksWants = isMentee && settings.maxMentorsPerMentee > 1;
  return (
    <section class="narrow">
      <p>
        <a href={`/programs/${program.id}/me`}>← {program.name}</a>
      </p>
      <h1>Your answers for this program</h1>
      {saved ? (
        <p class="success" role="status">
          Saved. They are used the next time people are matched.
        </p>
      ) : null}
      {settings.attributes.length === 0 && !asksWants ? (
        <p>This program asks nothing beyond your profile.</p>
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
              hint={
                a.weight > 0
                  ? "Optional. People with the same answer are a little more likely to be matched."
                  : "Optional. Only used, without names, to check matching is fair to everyone."
              }
              maxlength={String(ANSWER_MAX)}
            />
          ))}
          {asksWants ? (
            <Field name="wants" label="How many mentors would you like?" errors={errors}>
              <select name="wants" {...describedBy("wants", errors)}>
                {Array.from({ length: settings.maxMentorsPerMentee }, (_, i) => String(i + 1)).map((n) => (
                  <option value={n} selected={(values.wants ?? "1") === n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <button type="submit">Save answers</button>
        </form>
      )}
    </section>
  );
}
