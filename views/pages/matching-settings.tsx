/**
 * Matching settings for a program: score weights, hard rules, self-match expiry, program attributes and avoid lists.
 */
import type { Program } from "../../worker/domain/records";
import { ATTRIBUTES_TEXT_MAX } from "../../worker/domain/matching/settings";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput, textareaText } from "../components/form";
import { ActionButton } from "./matching";

/** One avoid-list entry with both people's names. */
export interface AvoidRow {
  personId: string;
  avoidId: string;
  personName: string;
  personEmail: string;
  avoidName: string;
  avoidEmail: string;
}

interface SettingsProps {
  csrf: string;
  program: Program;
  values: Record<string, string>;
  errors?: Errors;
  avoids: AvoidRow[];
  avoid?: { values: Record<string, string>; errors?: Errors };
  notice?: string;
}

const num = (name: string, label: string, p: SettingsProps, hint?: string, max = "100") => (
  <TextInput
    name={name}
    label={label}
    type="number"
    min="0"
    max={max}
    step="1"
    inputmode="numeric"
    value={p.values[name]}
    errors={p.errors}
    hint={hint}
    required
  />
);

/** The settings page. */
export function MatchingSettingsPage(p: SettingsProps) {
  const action = `/programs/${p.program.id}/matching/settings`;
  return (
    <section>
      <p>
        <a href={`/programs/${p.program.id}/matching`}>← Matching</a>
      </p>
      <h1>Matching rules for {p.program.name}</h1>
      {p.notice ? (
        <p class="success" role="status">
          {p.notice}
        </p>
      ) : null}
      <form method="post" action={action}>
        <ErrorSummary errors={p.errors} />
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>What counts, and how much</legend>
          <p class="hint">
            Weights are relative: a pair's score is the weighted share of the points it earns, from 0 to 100.
          </p>
          <div class="grid2">
            {num("goals", "Goals vs expertise", p)}
            {num("availability", "Shared free time", p)}
            {num("languages", "A shared language", p)}
            {num("channels", "A shared channel (video, chat…)", p)}
            {num("goals_for_full", "Shared goals for full points", p, undefined, "10")}
            {num("hours_for_full", "Weekly hours together for full points", p, undefined, "40")}
          </div>
        </fieldset>
        <fieldset>
          <legend>Rules</legend>
          <label class="check">
            <input
              type="checkbox"
              name="must_share_language"
              value="on"
              checked={p.values.must_share_language === "on"}
            />{" "}
            Only pair people who share a language
          </label>
          <div class="grid2">
            {num("max_mentors_per_mentee", "Mentors a mentee may have", p, "1 for classic mentoring.", "5")}
            {num("request_expiry_days", "Days a self-match request stays open", p, undefined, "60")}
          </div>
        </fieldset>
        <Field
          name="attributes"
          label="Program questions"
          errors={p.errors}
          hint='One per line, e.g. "Department = 10" (points when both answer the same) or "Region" (asked for the fairness report only).'
        >
          <textarea
            name="attributes"
            rows={4}
            maxlength={ATTRIBUTES_TEXT_MAX}
            {...describedBy("attributes", p.errors, true)}
          >
            {textareaText(p.values.attributes, ATTRIBUTES_TEXT_MAX)}
          </textarea>
        </Field>
        <button type="submit">Save rules</button>
      </form>
      <h2 id="avoid">Avoid lists</h2>
      <p>People on someone's avoid list are never matched with them (for example a manager and their report).</p>
      {p.avoids.length > 0 ? (
        <ul>
          {p.avoids.map((a) => (
            <li>
              {a.personName || a.personEmail} ↔ {a.avoidName || a.avoidEmail}{" "}
              <ActionButton
                csrf={p.csrf}
                action={`${action}/avoid/remove`}
                fields={{ person_id: a.personId, avoid_id: a.avoidId }}
                label="Remove"
                secondary
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nobody is on an avoid list.</p>
      )}
      <form method="post" action={`${action}/avoid`} id="avoid-form">
        <ErrorSummary errors={p.avoid?.errors} />
        <CsrfField token={p.csrf} />
        <div class="grid2">
          <TextInput
            name="person_email"
            label="Person's email"
            type="email"
            value={p.avoid?.values.person_email}
            errors={p.avoid?.errors}
            required
          />
          <TextInput
            name="avoid_email"
            label="Never match them with (email)"
            type="email"
            value={p.avoid?.values.avoid_email}
            errors={p.avoid?.errors}
            required
          />
        </div>
        <button type="submit">Add to avoid list</button>
      </form>
    </section>
  );
}
