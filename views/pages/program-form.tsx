/** The create/edit program form and the coordinator's program list. */
import { matchingModes, programTypes } from "../../worker/domain/vocabulary";
import { MATCHING_MODE_LABELS, PROGRAM_LIMITS, PROGRAM_TYPE_LABELS } from "../../worker/domain/program";
import type { Program } from "../../worker/domain/records";
import { DEFAULT_LOCALE, LOCALE_INFO, LOCALES, type Locale } from "../../worker/domain/i18n/locales";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  ErrorText,
  type Errors,
  Field,
  TextInput,
  textareaText,
} from "../components/form";
import { useI18n } from "../i18n";

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
    language: p.language ?? DEFAULT_LOCALE,
    sso_provider: p.ssoProvider ?? "",
  };
}

/** A new program's form values; its language starts as the language the coordinator reads the page in. */
export const newProgramDefaults = (locale: Locale): ProgramValues => ({ ...NEW_PROGRAM_DEFAULTS, language: locale });

/** A new program's form values before anyone typed (the language is added by `newProgramDefaults`). */
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
  /** Creating a new program or editing one: the heading and button say which. */
  mode: "new" | "edit";
  /** The installation's single sign-on providers; with none, the form has no single sign-on setting. */
  ssoProviders?: { id: string; name: string }[];
}) {
  const { t } = useI18n();
  const { values: v, errors } = props;
  return (
    <section id="program-form" class="narrow">
      <h1>{t(props.mode === "new" ? "programs.form.newTitle" : "programs.form.editTitle")}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} hx-post={props.action} hx-target="#program-form" hx-swap="outerHTML">
        <CsrfField token={props.csrf} />
        <TextInput
          name="name"
          label={t("programs.form.name")}
          value={v.name}
          errors={errors}
          required
          dir="auto"
          maxlength={PROGRAM_LIMITS.name}
        />
        <Field
          name="description"
          label={t("programs.form.description")}
          errors={errors}
          hint={t("programs.form.descriptionHint")}
        >
          <textarea
            name="description"
            maxlength={PROGRAM_LIMITS.description}
            dir="auto"
            {...describedBy("description", errors, true)}
          >
            {textareaText(v.description, PROGRAM_LIMITS.description)}
          </textarea>
        </Field>
        <Field name="type" label={t("programs.form.type")} errors={errors}>
          <select name="type" {...describedBy("type", errors)}>
            {programTypes.map((type) => (
              <option value={type} selected={v.type === type}>
                {t(PROGRAM_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </Field>
        <div class="grid2">
          <TextInput
            name="length_weeks"
            label={t("programs.form.weeks")}
            type="number"
            min="1"
            max="104"
            value={v.length_weeks}
            errors={errors}
            required
          />
          <TextInput
            name="cadence_days"
            label={t("programs.form.cadence")}
            type="number"
            min="1"
            max="90"
            value={v.cadence_days}
            errors={errors}
            required
          />
        </div>
        <fieldset class={errors?.matching_mode ? "invalid" : undefined}>
          <legend>{t("programs.form.matching")}</legend>
          {matchingModes.map((m) => (
            <label class="check">
              <input type="radio" name="matching_mode" value={m} checked={v.matching_mode === m} />{" "}
              {t(MATCHING_MODE_LABELS[m])}
            </label>
          ))}
          {errors?.matching_mode ? (
            <p class="error" role="alert">
              <ErrorText text={errors.matching_mode} />
            </p>
          ) : null}
        </fieldset>
        <Field
          name="language"
          label={t("programs.form.language")}
          errors={errors}
          hint={t("programs.form.languageHint")}
        >
          <select name="language" {...describedBy("language", errors, true)}>
            {LOCALES.map((l) => (
              <option value={l} lang={l} selected={(v.language ?? DEFAULT_LOCALE) === l}>
                {LOCALE_INFO[l].name}
              </option>
            ))}
          </select>
        </Field>
        <SsoSetting providers={props.ssoProviders ?? []} value={v.sso_provider ?? ""} errors={errors} />
        <button type="submit">{t(props.mode === "new" ? "programs.form.create" : "programs.form.save")}</button>
      </form>
    </section>
  );
}

/** Whether mentors and mentees must sign in through a provider (shown only when providers are configured). */
function SsoSetting(props: { providers: { id: string; name: string }[]; value: string; errors?: Errors }) {
  const { t } = useI18n();
  if (props.providers.length === 0) return null;
  return (
    <Field name="sso_provider" label={t("sso.program.label")} errors={props.errors} hint={t("sso.program.hint")}>
      <select name="sso_provider" {...describedBy("sso_provider", props.errors, true)}>
        <option value="" selected={props.value === ""}>
          {t("sso.program.none")}
        </option>
        {props.providers.map((p) => (
          <option value={p.id} selected={props.value === p.id}>
            {t("sso.program.provider", { provider: p.name })}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The programs a person coordinates. */
export function ProgramList({ programs, canCreate }: { programs: Program[]; canCreate: boolean }) {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t("programs.list.title")}</h1>
      {programs.length === 0 ? <p>{t("programs.list.empty")}</p> : null}
      <ul class="cards">
        {programs.map((p) => (
          <li>
            <a href={`/programs/${p.id}`} dir="auto">
              {p.name}
            </a>{" "}
            <span class="muted">
              — {t("programs.list.summary", { type: t(PROGRAM_TYPE_LABELS[p.type]), weeks: p.lengthWeeks })}
            </span>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <p>
          <a class="button" href="/programs/new">
            {t("programs.form.newTitle")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
