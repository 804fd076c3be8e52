/**
 * Matching settings for a program: score weights, hard rules, self-match expiry, program attributes and avoid lists.
 */
import type { Program } from "../../worker/domain/records";
import { ATTRIBUTES_TEXT_MAX } from "../../worker/domain/matching/settings";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput, textareaText } from "../components/form";
import { useI18n } from "../i18n";
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
  const { t } = useI18n();
  const action = `/programs/${p.program.id}/matching/settings`;
  return (
    <section>
      <p>
        <a href={`/programs/${p.program.id}/matching`}>{t("matchingSettings.back")}</a>
      </p>
      <h1>{t("matchingSettings.title", { program: p.program.name })}</h1>
      {p.notice ? (
        <p class="success" role="status">
          {p.notice}
        </p>
      ) : null}
      <form method="post" action={action}>
        <ErrorSummary errors={p.errors} />
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>{t("matchingSettings.weights")}</legend>
          <p class="hint">{t("matchingSettings.weightsHint")}</p>
          <div class="grid2">
            {num("goals", t("matchingSettings.goals"), p)}
            {num("availability", t("matchingSettings.availability"), p)}
            {num("languages", t("matchingSettings.languages"), p)}
            {num("channels", t("matchingSettings.channels"), p)}
            {num("goals_for_full", t("matchingSettings.goalsForFull"), p, undefined, "10")}
            {num("hours_for_full", t("matchingSettings.hoursForFull"), p, undefined, "40")}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("matchingSettings.rules")}</legend>
          <label class="check">
            <input
              type="checkbox"
              name="must_share_language"
              value="on"
              checked={p.values.must_share_language === "on"}
            />{" "}
            {t("matchingSettings.mustShare")}
          </label>
          <div class="grid2">
            {num(
              "max_mentors_per_mentee",
              t("matchingSettings.maxMentors"),
              p,
              t("matchingSettings.maxMentorsHint"),
              "5",
            )}
            {num("request_expiry_days", t("matchingSettings.expiryDays"), p, undefined, "60")}
          </div>
        </fieldset>
        <Field
          name="attributes"
          label={t("matchingSettings.questions")}
          errors={p.errors}
          hint={t("matchingSettings.questionsHint")}
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
        <button type="submit">{t("matchingSettings.save")}</button>
      </form>
      <h2 id="avoid">{t("matchingSettings.avoid")}</h2>
      <p>{t("matchingSettings.avoidIntro")}</p>
      {p.avoids.length > 0 ? (
        <ul>
          {p.avoids.map((a) => (
            <li>
              <bdi>{a.personName || a.personEmail}</bdi> ↔ <bdi>{a.avoidName || a.avoidEmail}</bdi>{" "}
              <ActionButton
                csrf={p.csrf}
                action={`${action}/avoid/remove`}
                fields={{ person_id: a.personId, avoid_id: a.avoidId }}
                label={t("matchingSettings.remove")}
                secondary
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("matchingSettings.noAvoids")}</p>
      )}
      <form method="post" action={`${action}/avoid`} id="avoid-form">
        <ErrorSummary errors={p.avoid?.errors} />
        <CsrfField token={p.csrf} />
        <div class="grid2">
          <TextInput
            name="person_email"
            label={t("matchingSettings.personEmail")}
            type="email"
            value={p.avoid?.values.person_email}
            errors={p.avoid?.errors}
            required
          />
          <TextInput
            name="avoid_email"
            label={t("matchingSettings.avoidEmail")}
            type="email"
            value={p.avoid?.values.avoid_email}
            errors={p.avoid?.errors}
            required
          />
        </div>
        <button type="submit">{t("matchingSettings.addAvoid")}</button>
      </form>
    </section>
  );
}
