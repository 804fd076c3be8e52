/** The mentoring agreement: the current terms, who has signed them, a sign button, and the form to change them. */
import { Markdown, MARKDOWN_HINT } from "../components/markdown";
import {
  AGREEMENT_CADENCES,
  AGREEMENT_CHANNELS,
  AGREEMENT_LIMITS,
  type AgreementTerms,
  RESPONSE_TIMES,
} from "../../worker/domain/room/agreement";
import { formatInstant } from "../../worker/domain/format-time";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { AgreementView } from "../../worker/domain/room/types";
import { CsrfField, textareaText, ErrorSummary, type Errors, Field, describedBy } from "../components/form";
import { PairingNav } from "../components/pairing-nav";

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

/** Form values from stored terms. */
export function termsToValues(t: AgreementTerms): { values: Record<string, string>; channels: string[] } {
  return {
    values: {
      goals: t.goals,
      cadence: t.cadence,
      contactHours: t.contactHours,
      responseTime: t.responseTime,
      confidentiality: t.confidentiality,
      offLimits: t.offLimits,
    },
    channels: t.channels,
  };
}

/** The terms, for reading (members, and coordinators once shared). */
export function Terms({ t }: { t: AgreementTerms }) {
  return (
    <dl class="terms">
      <dt>What we want to achieve</dt>
      <dd>
        <Markdown text={t.goals} />
      </dd>
      <dt>How we stay in touch</dt>
      <dd>{t.channels.map((c) => AGREEMENT_CHANNELS[c]).join(", ")}</dd>
      <dt>How often we meet</dt>
      <dd>{AGREEMENT_CADENCES[t.cadence]}</dd>
      <dt>Contact hours</dt>
      <dd class="body">{t.contactHours || "Not set"}</dd>
      <dt>We answer each other</dt>
      <dd>{RESPONSE_TIMES[t.responseTime]}</dd>
      <dt>Confidentiality</dt>
      <dd>
        <Markdown text={t.confidentiality} />
      </dd>
      <dt>Off-limits</dt>
      <dd>{t.offLimits ? <Markdown text={t.offLimits} /> : "Nothing named"}</dd>
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
  const base = `/pairings/${pairing.id}/agreement`;
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.personId === viewerId ? "You" : m.name]));
  const signedIds = agreement.signatures.map((s) => s.personId);
  const waiting = pairing.members.filter((m) => !signedIds.includes(m.personId));
  const iSigned = signedIds.includes(viewerId);
  const shown = form ?? termsToValues(agreement.terms);
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
        <p>
          You have not written your agreement yet. Fill it in together below — any member can write it; everyone then
          signs it.
        </p>
      ) : (
        <>
          <article class="card agreement">
            <h2>
              Version {agreement.version}
              {agreement.signedByAll ? ", signed by everyone" : ""}
            </h2>
            <Terms t={agreement.terms} />
            <ul>
              {agreement.signatures.map((s) => (
                <li>
                  Signed by {names[s.personId] ?? "a former member"} on {formatInstant(s.signedAt, timeZone)}
                </li>
              ))}
              {waiting.length ? <li>Waiting for: {waiting.map((m) => names[m.personId]).join(", ")}</li> : null}
            </ul>
          </article>
          {!iSigned && !readOnly ? (
            <form method="post" action={`${base}/sign`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="version" value={String(agreement.version)} />
              <button type="submit">I agree: sign version {agreement.version}</button>
            </form>
          ) : null}
        </>
      )}
      {readOnly ? null : (
        <>
          <h2>{agreement.version === 0 ? "Write the agreement" : "Change the agreement"}</h2>
          {agreement.version > 0 ? (
            <p class="hint">Saving changes makes a new version that everyone signs again.</p>
          ) : null}
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
              label="What do you want to achieve together?"
              value={shown.values.goals}
              errors={errors}
              hint={MARKDOWN_HINT}
              rows={4}
            />
            <fieldset
              class={errors?.channels ? "field invalid" : "field"}
              aria-describedby={errors?.channels ? "e-channels" : undefined}
            >
              <legend>How will you stay in touch?</legend>
              {Object.entries(AGREEMENT_CHANNELS).map(([key, label]) => (
                <label class="check">
                  <input type="checkbox" name="channels" value={key} checked={shown.channels.includes(key)} /> {label}
                </label>
              ))}
              {errors?.channels ? (
                <p id="e-channels" class="error" role="alert">
                  {errors.channels}
                </p>
              ) : null}
            </fieldset>
            <Field name="cadence" label="How often will you meet?" errors={errors}>
              <select name="cadence" {...describedBy("cadence", errors)}>
                {Object.entries(AGREEMENT_CADENCES).map(([key, label]) => (
                  <option value={key} selected={shown.values.cadence === key}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Area
              name="contactHours"
              label="Contact hours"
              value={shown.values.contactHours}
              errors={errors}
              hint="When each of you may be contacted, in your own time zones."
              rows={2}
            />
            <Field name="responseTime" label="How quickly will you answer each other?" errors={errors}>
              <select name="responseTime" {...describedBy("responseTime", errors)}>
                {Object.entries(RESPONSE_TIMES).map(([key, label]) => (
                  <option value={key} selected={shown.values.responseTime === key}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Area
              name="confidentiality"
              label="Confidentiality"
              value={shown.values.confidentiality}
              errors={errors}
              rows={3}
            />
            <Area
              name="offLimits"
              label="Anything off-limits?"
              value={shown.values.offLimits}
              errors={errors}
              hint="Optional: topics or times you would rather avoid."
              rows={2}
            />
            <button type="submit">{agreement.version === 0 ? "Save and sign" : "Save changes and sign"}</button>
          </form>
        </>
      )}
      <h2>Sharing</h2>
      <p>
        Coordinators never see your agreement unless you share it.{" "}
        {agreement.sharedWithCoordinators
          ? "It is shared with the program's coordinators now."
          : "It is private to the members now."}
      </p>
      <form method="post" action={`${base}/share`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="shared" value={agreement.sharedWithCoordinators ? "0" : "1"} />
        <button type="submit" class="secondary">
          {agreement.sharedWithCoordinators
            ? "Stop sharing with coordinators"
            : "Share with the program's coordinators"}
        </button>
      </form>
    </section>
  );
}
