/** The create/edit program form and the coordinator's program list. */
import { matchingModes, programTypes } from "../../worker/domain/vocabulary";
import { MATCHING_MODE_LABELS, PROGRAM_LIMITS, PROGRAM_TYPE_LABELS } from "../../worker/domain/program";
import type { Program } from "../../worker/domain/records";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput, textareaText } from "../components/form";

export type ProgramValues = Record<string, string>;

/** Form values for an existing program. */
export function programValues(p: Program): ProgramValues {
  return {
    name: p.name,
    description: p.description,
    type: p.type,
    length_weeks: String(p.lengthWeeks),
    cadence_days: String(p.cadenceDays),
    matching_mode: p.matchingMode,
  };
}

export const NEW_PROGRAM_DEFAULTS: ProgramValues = {
  name: "",
  description: "",
  type: "one-to-one",
  length_weeks: "26",
  cadence_days: "14",
  matching_mode: "coordinator",
};

/** Create or edit form; `action` is where it posts. */
export function ProgramForm(props: {
  csrf: string;
  action: string;
  values: ProgramValues;
  errors?: Errors;
  heading: string;
  submit: string;
}) {
  const { values: v, errors } = props;
  return (
    <section id="program-form" class="narrow">
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} hx-post={props.action} hx-target="#program-form" hx-swap="outerHTML">
        <CsrfField token={props.csrf} />
        <TextInput
          name="name"
          label="Program name"
          value={v.name}
          errors={errors}
          required
          maxlength={PROGRAM_LIMITS.name}
        />
        <Field name="description" label="Description" errors={errors} hint="What the program is for, who it is for.">
          <textarea
            name="description"
            maxlength={PROGRAM_LIMITS.description}
            {...describedBy("description", errors, true)}
          >
            {textareaText(v.description, PROGRAM_LIMITS.description)}
          </textarea>
        </Field>
        <Field name="type" label="Type" errors={errors}>
          <select name="type" {...describedBy("type", errors)}>
            {programTypes.map((t) => (
              <option value={t} selected={v.type === t}>
                {PROGRAM_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
        <div class="grid2">
          <TextInput
            name="length_weeks"
            label="Length in weeks"
            type="number"
            min="1"
            max="104"
            value={v.length_weeks}
            errors={errors}
            required
          />
          <TextInput
            name="cadence_days"
            label="Check-in every (days)"
            type="number"
            min="1"
            max="90"
            value={v.cadence_days}
            errors={errors}
            required
          />
        </div>
        <fieldset class={errors?.matching_mode ? "invalid" : undefined}>
          <legend>Matching</legend>
          {matchingModes.map((m) => (
            <label class="check">
              <input type="radio" name="matching_mode" value={m} checked={v.matching_mode === m} />{" "}
              {MATCHING_MODE_LABELS[m]}
            </label>
          ))}
          {errors?.matching_mode ? (
            <p class="error" role="alert">
              {errors.matching_mode}
            </p>
          ) : null}
        </fieldset>
        <button type="submit">{props.submit}</button>
      </form>
    </section>
  );
}

/** The programs a person coordinates. */
export function ProgramList({ programs, canCreate }: { programs: Program[]; canCreate: boolean }) {
  return (
    <section>
      <h1>Your programs</h1>
      {programs.length === 0 ? <p>You don't run any program yet.</p> : null}
      <ul class="cards">
        {programs.map((p) => (
          <li>
            <a href={`/programs/${p.id}`}>{p.name}</a>{" "}
            <span class="muted">
              — {PROGRAM_TYPE_LABELS[p.type]}, {p.lengthWeeks} weeks
            </span>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <p>
          <a class="button" href="/programs/new">
            Create a program
          </a>
        </p>
      ) : null}
    </section>
  );
}
