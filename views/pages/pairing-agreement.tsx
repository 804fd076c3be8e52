/** The mentoring agreement: the current terms, who has signed them, a sign button, and the form to change them. */
import { Markdown, MARKDOWN_HINT } from "../components/markdown";
import {
  AGREEMENT_LIMITS,
  AGREEMENT_WORDS,
  type AgreementTerms,
  DEFAULT_TERMS,
} from "../../worker/domain/room/agreement";
import { formatInstant } from "../../worker/domain/format-time";
import { listText } from "../../worker/domain/i18n/intl";
import { intlTag } from "../../worker/domain/i18n/locales";
import { Rich, useI18n } from "../i18n";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { AgreementView } from "../../worker/domain/room/types";
import { CsrfField, textareaText, ErrorSummary, ErrorText, type Errors, Field, describedBy } from "../components/form";
import { NAME_TAGS, PairingNav } from "../components/pairing-nav";

interface AgreementPageProps {
  pairing: PairingRecord;
  stage: string;
  agreement: AgreementView;
  viewerId: string;
  timeZone: string;
  csrf: string;
  readOnly: boolean;
  /** The form as typed (after a refused save), else the current terms. */
  form?: { values: Record<string, string>; channels: string[]; errors?: Errors; message?: string };
  notice?: string;
}

/**
 * Form values from stored terms. A new pairing's default confidentiality text is offered in the viewer's words
 * (`defaultConfidentiality`); whatever is saved is the members' own text from then on.
 */
export function termsToValues(
  terms: AgreementTerms,
  defaultConfidentiality?: string,
): { values: Record<string, string>; channels: string[] } {
  const confidentiality =
    defaultConfidentiality && terms.confidentiality === DEFAULT_TERMS.confidentiality
      ? defaultConfidentiality
      : terms.confidentiality;
  return {
    values: {
      goals: terms.goals,
      cadence: terms.cadence,
      contactHours: terms.contactHours,
      responseTime: terms.responseTime,
      confidentiality,
      offLimits: terms.offLimits,
    },
    channels: terms.channels,
  };
}

/** The terms, for reading (members, and coordinators once shared). */
export function Terms({ t: terms }: { t: AgreementTerms }) {
  const { t, locale } = useI18n();
  return (
    <dl class="terms">
      <dt>{t("agreement.terms.goals")}</dt>
      <dd>
        <Markdown text={terms.goals} />
      </dd>
      <dt>{t("agreement.terms.channels")}</dt>
      <dd>
        {listText(
          locale,
          terms.channels.map((c) => t(AGREEMENT_WORDS.channels[c])),
        )}
      </dd>
      <dt>{t("agreement.terms.cadence")}</dt>
      <dd>{t(AGREEMENT_WORDS.cadences[terms.cadence])}</dd>
      <dt>{t("agreement.terms.contactHours")}</dt>
      <dd class="body" dir={terms.contactHours ? "auto" : undefined}>
        {terms.contactHours || t("agreement.terms.notSet")}
      </dd>
      <dt>{t("agreement.terms.response")}</dt>
      <dd>{t(AGREEMENT_WORDS.responseTimes[terms.responseTime])}</dd>
      <dt>{t("agreement.terms.confidentiality")}</dt>
      <dd>
        <Markdown text={terms.confidentiality} />
      </dd>
      <dt>{t("agreement.terms.offLimits")}</dt>
      <dd>{terms.offLimits ? <Markdown text={terms.offLimits} /> : t("agreement.terms.nothingNamed")}</dd>
    </dl>
  );
}

/** A labelled textarea bound to a value and its error. */
function Area({
  name,
  label,
  value,
  errors,
  hint,
  rows = 3,
}: {
  name: keyof typeof AGREEMENT_LIMITS;
  label: string;
  value?: string;
  errors?: Errors;
  hint?: string;
  rows?: number;
}) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      <textarea name={name} rows={rows} maxlength={AGREEMENT_LIMITS[name]} {...describedBy(name, errors, !!hint)}>
        {textareaText(value, AGREEMENT_LIMITS[name])}
      </textarea>
    </Field>
  );
}

/** The agreement page. */
export function PairingAgreementPage({
  pairing,
  stage,
  agreement,
  viewerId,
  timeZone,
  csrf,
  readOnly,
  form,
  notice,
}: AgreementPageProps) {
  const { t, locale } = useI18n();
  const base = `/pairings/${pairing.id}/agreement`;
  const names = Object.fromEntries(
    pairing.members.map((m) => [m.personId, m.personId === viewerId ? t("room.author.you") : m.name]),
  );
  const signedIds = agreement.signatures.map((s) => s.personId);
  const waiting = pairing.members.filter((m) => !signedIds.includes(m.personId));
  const iSigned = signedIds.includes(viewerId);
  const shown = form ?? termsToValues(agreement.terms, t("agreement.defaultConfidentiality"));
  const errors = form?.errors;
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={viewerId} tab="agreement" stage={stage} />
      {notice ? (
        <p class="success" role="status">
          {notice}
        </p>
      ) : null}
      {agreement.version === 0 ? (
        <p>{t("agreement.none")}</p>
      ) : (
        <>
          <article class="card agreement">
            <h2>
              {agreement.signedByAll
                ? t("agreement.versionSigned", { version: agreement.version })
                : t("agreement.version", { version: agreement.version })}
            </h2>
            <Terms t={agreement.terms} />
            <ul>
              {agreement.signatures.map((s) => (
                <li>
                  <Rich
                    id="agreement.signedBy"
                    values={{
                      name: names[s.personId] ?? t("room.author.former"),
                      when: formatInstant(s.signedAt, timeZone, intlTag(locale)),
                    }}
                    tags={NAME_TAGS}
                  />
                </li>
              ))}
              {waiting.length ? (
                <li>
                  <Rich
                    id="agreement.waitingFor"
                    values={{
                      names: listText(
                        locale,
                        waiting.map((m) => names[m.personId] ?? m.name),
                      ),
                    }}
                    tags={NAME_TAGS}
                  />
                </li>
              ) : null}
            </ul>
          </article>
          {!iSigned && !readOnly ? (
            <form method="post" action={`${base}/sign`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="version" value={String(agreement.version)} />
              <button type="submit">{t("agreement.sign", { version: agreement.version })}</button>
            </form>
          ) : null}
        </>
      )}
      {readOnly ? null : (
        <>
          <h2>{agreement.version === 0 ? t("agreement.write") : t("agreement.change")}</h2>
          {agreement.version > 0 ? <p class="hint">{t("agreement.changeHint")}</p> : null}
          {form?.message ? (
            <p class="error-summary" role="alert">
              {form.message}
            </p>
          ) : (
            <ErrorSummary errors={errors} />
          )}
          <form method="post" action={base}>
            <CsrfField token={csrf} />
            <input type="hidden" name="base_version" value={String(agreement.version)} />
            <Area
              name="goals"
              label={t("agreement.field.goals")}
              value={shown.values.goals}
              errors={errors}
              hint={t(MARKDOWN_HINT)}
              rows={4}
            />
            <fieldset
              class={errors?.channels ? "field invalid" : "field"}
              aria-describedby={errors?.channels ? "e-channels" : undefined}
            >
              <legend>{t("agreement.field.channels")}</legend>
              {Object.entries(AGREEMENT_WORDS.channels).map(([key, label]) => (
                <label class="check">
                  <input type="checkbox" name="channels" value={key} checked={shown.channels.includes(key)} />{" "}
                  {t(label)}
                </label>
              ))}
              {errors?.channels ? (
                <p id="e-channels" class="error" role="alert">
                  <ErrorText text={errors.channels} />
                </p>
              ) : null}
            </fieldset>
            <Field name="cadence" label={t("agreement.field.cadence")} errors={errors}>
              <select name="cadence" {...describedBy("cadence", errors)}>
                {Object.entries(AGREEMENT_WORDS.cadences).map(([key, label]) => (
                  <option value={key} selected={shown.values.cadence === key}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </Field>
            <Area
              name="contactHours"
              label={t("agreement.terms.contactHours")}
              value={shown.values.contactHours}
              errors={errors}
              hint={t("agreement.field.contactHoursHint")}
              rows={2}
            />
            <Field name="responseTime" label={t("agreement.field.response")} errors={errors}>
              <select name="responseTime" {...describedBy("responseTime", errors)}>
                {Object.entries(AGREEMENT_WORDS.responseTimes).map(([key, label]) => (
                  <option value={key} selected={shown.values.responseTime === key}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </Field>
            <Area
              name="confidentiality"
              label={t("agreement.terms.confidentiality")}
              value={shown.values.confidentiality}
              errors={errors}
              rows={3}
            />
            <Area
              name="offLimits"
              label={t("agreement.field.offLimits")}
              value={shown.values.offLimits}
              errors={errors}
              hint={t("agreement.field.offLimitsHint")}
              rows={2}
            />
            <button type="submit">
              {agreement.version === 0 ? t("agreement.saveSign") : t("agreement.saveChangesSign")}
            </button>
          </form>
        </>
      )}
      <h2>{t("agreement.sharing")}</h2>
      <p>
        {t("agreement.sharingIntro")}{" "}
        {agreement.sharedWithCoordinators ? t("agreement.sharedNow") : t("agreement.privateNow")}
      </p>
      <form method="post" action={`${base}/share`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="shared" value={agreement.sharedWithCoordinators ? "0" : "1"} />
        <button type="submit" class="secondary">
          {agreement.sharedWithCoordinators ? t("agreement.stopSharing") : t("agreement.share")}
        </button>
      </form>
    </section>
  );
}
