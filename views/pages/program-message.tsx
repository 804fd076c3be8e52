/** "Email participants": choose an audience, write a subject and a message, confirm who gets it. */
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  BODY_MAX,
  SUBJECT_MAX,
  type Recipient,
} from "../../worker/domain/coordinator/audience";
import { STAGE_NAMES } from "../../worker/domain/program-home";
import type { Stage } from "../../worker/domain/room/stages";
import { useI18n } from "../i18n";
import { pairingStages } from "../../worker/domain/vocabulary";
import type { MailingProgress } from "../../worker/domain/mailing";
import { ActionProblem } from "../components/confirm";
import { MailingNotice } from "../components/mailing-progress";
import { CsrfField, ErrorSummary, ErrorText, type Errors, Field, TextAreaField, TextInput } from "../components/form";
import { ProgramNav } from "../components/program-nav";

interface MessageFormProps {
  csrf: string;
  programId: string;
  values: Record<string, string>;
  errors?: Errors;
  problem?: string;
  /** Participants matching the search box, to tick. */
  found: Recipient[];
}

/** The message form; its first submission answers the confirmation in its place. */
export function ProgramMessageForm({ csrf, programId, values, errors, problem, found }: MessageFormProps) {
  const { t } = useI18n();
  const url = `/programs/${programId}/message`;
  const audience = values.audience || "all";
  return (
    <form method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <ErrorSummary errors={errors} />
      <ActionProblem message={problem} />
      <CsrfField token={csrf} />
      <fieldset class={errors?.audience ? "field invalid" : "field"}>
        <legend>{t("programs.message.who")}</legend>
        {AUDIENCES.map((a) => (
          <label class="check">
            <input type="radio" name="audience" value={a} checked={audience === a} /> {t(AUDIENCE_LABELS[a])}
          </label>
        ))}
        {errors?.audience ? (
          <p class="error" role="alert">
            <ErrorText text={errors.audience} />
          </p>
        ) : null}
      </fieldset>
      <Field name="stage" label={t("programs.message.stage")} errors={errors}>
        <select name="stage" id="f-stage">
          {pairingStages.map((s) => (
            <option value={s} selected={values.stage === s}>
              {t(STAGE_NAMES[s as Stage])}
            </option>
          ))}
        </select>
      </Field>
      <TextAreaField
        id="f-emails"
        name="emails"
        label={t("programs.message.emails")}
        hint={t("programs.message.emailsHint")}
        value={values.emails}
        error={errors?.emails}
        maxlength={600_000}
      />
      {found.length ? (
        <fieldset>
          <legend>{t("programs.message.found")}</legend>
          {found.map((r) => (
            <label class="check">
              <input type="checkbox" name="pick" value={r.email} /> {r.name || r.email} ({r.email})
            </label>
          ))}
        </fieldset>
      ) : null}
      <TextInput
        name="subject"
        label={t("programs.message.subject")}
        dir="auto"
        value={values.subject}
        errors={errors}
        maxlength={SUBJECT_MAX}
        required
      />
      <TextAreaField
        id="f-body"
        name="body"
        label={t("programs.action.message.label")}
        value={values.body}
        error={errors?.body}
        maxlength={BODY_MAX}
        required
        hint={t("programs.message.bodyHint", { max: BODY_MAX })}
      />
      <button type="submit">{t("programs.message.review")}</button>
    </form>
  );
}

/** The whole page: the search box for choosing people, then the form. */
export function ProgramMessagePage(
  props: MessageFormProps & {
    program: { id: string; name: string };
    q: string;
    /** The mailing the last confirmation started, and the link that shows it again. */
    mailing?: MailingProgress | null;
    mailingHref?: string;
  },
) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <ProgramNav programId={props.program.id} tab="message" />
      <h1>{t("programs.message.title")}</h1>
      <MailingNotice mailing={props.mailing} href={props.mailingHref ?? ""} />
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form reaches older screen readers than <search> does. */}
      <form method="get" action={`/programs/${props.program.id}/message`} role="search">
        <label for="f-q">{t("programs.message.search")}</label>
        <input id="f-q" type="search" name="q" value={props.q} maxlength={100} />
        <button type="submit" class="secondary">
          {t("programs.message.find")}
        </button>
      </form>
      <ProgramMessageForm {...props} />
    </section>
  );
}
