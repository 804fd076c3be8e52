/** "Email participants": choose an audience, write a subject and a message, confirm who gets it. */
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  BODY_MAX,
  SUBJECT_MAX,
  type Recipient,
} from "../../worker/domain/coordinator/audience";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import { pairingStages } from "../../worker/domain/vocabulary";
import type { MailingProgress } from "../../worker/domain/mailing";
import { ActionProblem } from "../components/confirm";
import { MailingNotice } from "../components/mailing-progress";
import { CsrfField, ErrorSummary, type Errors, Field, TextAreaField, TextInput } from "../components/form";
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
  const url = `/programs/${programId}/message`;
  const audience = values.audience || "all";
  return (
    <form method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <ErrorSummary errors={errors} />
      <ActionProblem message={problem} />
      <CsrfField token={csrf} />
      <fieldset class={errors?.audience ? "field invalid" : "field"}>
        <legend>Who gets it</legend>
        {AUDIENCES.map((a) => (
          <label class="check">
            <input type="radio" name="audience" value={a} checked={audience === a} /> {AUDIENCE_LABELS[a]}
          </label>
        ))}
        {errors?.audience ? (
          <p class="error" role="alert">
            {errors.audience}
          </p>
        ) : null}
      </fieldset>
      <Field name="stage" label="Stage (for “Members of pairings in a stage”)" errors={errors}>
        <select name="stage" id="f-stage">
          {pairingStages.map((s) => (
            <option value={s} selected={values.stage === s}>
              {STAGE_LABELS[s as Stage]}
            </option>
          ))}
        </select>
      </Field>
      <TextAreaField
        id="f-emails"
        name="emails"
        label="Addresses (for “People I choose”)"
        hint="Type or paste participants' email addresses, separated by commas or new lines, or tick people found with the search above."
        value={values.emails}
        error={errors?.emails}
        maxlength={600_000}
      />
      {found.length ? (
        <fieldset>
          <legend>People found</legend>
          {found.map((r) => (
            <label class="check">
              <input type="checkbox" name="pick" value={r.email} /> {r.name || r.email} ({r.email})
            </label>
          ))}
        </fieldset>
      ) : null}
      <TextInput
        name="subject"
        label="Subject"
        value={values.subject}
        errors={errors}
        maxlength={SUBJECT_MAX}
        required
      />
      <TextAreaField
        id="f-body"
        name="body"
        label="Message"
        value={values.body}
        error={errors?.body}
        maxlength={BODY_MAX}
        required
        hint={`At most ${BODY_MAX} characters. Sent as email; each person's email preferences apply.`}
      />
      <button type="submit">Review recipients…</button>
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
  return (
    <section class="narrow">
      <ProgramNav programId={props.program.id} tab="message" />
      <h1>Email participants</h1>
      <MailingNotice mailing={props.mailing} href={props.mailingHref ?? ""} />
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form reaches older screen readers than <search> does. */}
      <form method="get" action={`/programs/${props.program.id}/message`} role="search">
        <label for="f-q">Find participants to choose (name or email)</label>
        <input id="f-q" type="search" name="q" value={props.q} maxlength={100} />
        <button type="submit" class="secondary">
          Find
        </button>
      </form>
      <ProgramMessageForm {...props} />
    </section>
  );
}
