/** A program's milestone template, edited by its coordinators, with the plan it gives a pairing starting today. */
import { formatInstant } from "../../worker/domain/format-time";
import type { PlannedMilestone } from "../../worker/domain/journey/template";
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";

interface ProgramJourneyProps {
  csrf: string;
  program: { id: string; name: string; cadenceDays: number; lengthWeeks: number };
  values: Record<string, string>;
  errors?: Errors;
  plan: PlannedMilestone[];
  timeZone: string;
  saved?: boolean;
}

/** The template page. */
export function ProgramJourneyPage({ csrf, program, values, errors, plan, timeZone, saved }: ProgramJourneyProps) {
  return (
    <section class="narrow">
      <p>
        <a href={`/programs/${program.id}`}>← {program.name}</a>
      </p>
      <h1>Milestones</h1>
      <p>
        Every pairing's journey follows these steps, counted in days from the day it was matched. Changes apply to pairings matched from now on; running
        journeys keep the plan they started with.
      </p>
      {saved ? (
        <p class="success" role="status">
          Saved.
        </p>
      ) : null}
      <form method="post" action={`/programs/${program.id}/journey`}>
        <ErrorSummary errors={errors} />
        <CsrfField token={csrf} />
        <TextInput name="agreementDays" label="Mentoring agreement due after (days)" value={values.agreementDays} errors={errors} inputmode="numeric" />
        <TextInput name="firstMeetingDays" label="First meeting within (days)" value={values.firstMeetingDays} errors={errors} inputmode="numeric" />
        <TextInput
          name="checkInEveryDays"
          label="A check-in every (days)"
          value={values.checkInEveryDays}
          errors={errors}
          hint={`Leave empty to use the program's cadence (every ${program.cadenceDays} days).`}
          inputmode="numeric"
        />
        <TextInput name="checkInOpenDays" label="Check-ins stay open for (days)" value={values.checkInOpenDays} errors={errors} inputmode="numeric" />
        <label class="check">
          <input type="checkbox" name="midPoint" value="1" checked={values.midPoint === "1"} /> A mid-point review half-way through
        </label>
        <label class="check">
          <input type="checkbox" name="wrapUpSurvey" value="1" checked={values.wrapUpSurvey === "1"} /> A wrap-up survey in the last week
        </label>
        <button type="submit">Save milestones</button>
      </form>
      <h2>A pairing matched today would get</h2>
      <ol>
        {plan.map((m) => (
          <li>
            {m.title}: {formatInstant(m.due, timeZone)}
            {m.closes ? ` (open until ${formatInstant(m.closes, timeZone)})` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
