/** A program's milestone template, edited by its coordinators, with the plan it gives a pairing starting today. */
import { formatInstant } from "../../worker/domain/format-time";
import { type PlannedMilestone, TEMPLATE_FIELD_MAX } from "../../worker/domain/journey/template";
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
  return (
    <section class="narrow">
      <ProgramNav programId={program.id} tab="milestones" />
      <h1>Milestones</h1>
      <p>
        Every pairing's journey follows these steps, counted in days from the day it was matched. A journey reads the
        template once, when it starts: changes apply to pairings matched from now on, and running journeys keep the plan
        they started with.
      </p>
      {saved ? (
        <p class="success" role="status">
          Saved.
        </p>
      ) : null}
      <JourneyForm csrf={csrf} program={program} values={values} errors={errors} problem={problem} />
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

/** The template form; its first submission answers the confirmation in its place. */
export function JourneyForm({
  csrf,
  program,
  values,
  errors,
  problem,
}: Pick<ProgramJourneyProps, "csrf" | "program" | "values" | "errors" | "problem">) {
  const url = `/programs/${program.id}/journey`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <ErrorSummary errors={errors} />
      <ActionProblem message={problem} />
      <CsrfField token={csrf} />
      <TextInput
        name="agreementDays"
        label="Mentoring agreement due after (days)"
        value={values.agreementDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="firstMeetingDays"
        label="First meeting within (days)"
        value={values.firstMeetingDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="checkInEveryDays"
        label="A check-in every (days)"
        value={values.checkInEveryDays}
        errors={errors}
        hint={`Leave empty to use the program's cadence (every ${program.cadenceDays} days).`}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <TextInput
        name="checkInOpenDays"
        label="Check-ins stay open for (days)"
        value={values.checkInOpenDays}
        errors={errors}
        inputmode="numeric"
        maxlength={TEMPLATE_FIELD_MAX}
      />
      <label class="check">
        <input type="checkbox" name="midPoint" value="1" checked={values.midPoint === "1"} /> A mid-point review
        half-way through
      </label>
      <label class="check">
        <input type="checkbox" name="wrapUpSurvey" value="1" checked={values.wrapUpSurvey === "1"} /> A wrap-up survey
        in the last week
      </label>
      <button type="submit">Review changes…</button>
    </form>
  );
}
