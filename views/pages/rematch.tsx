/**
 * "Rematch a person": their current pairings here, the people who could be their new partner (best match first), and
 * the form.
 */
import { useReasons } from "../components/match-reasons";
import {
  CANDIDATES_SHOWN,
  leaveRefusal,
  REMATCH_REASON_MAX,
  type RematchSide,
  type RematchView,
} from "../../worker/domain/coordinator/rematch-rules";
import { STAGE_NAMES } from "../../worker/domain/program-home";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { joinNames } from "../../worker/domain/coordinator/confirm-step";
import { useI18n } from "../i18n";
import { ActionProblem } from "../components/confirm";
import { CsrfField, ErrorSummary, ErrorText, type Errors, TextAreaField } from "../components/form";
import { ProgramNav } from "../components/program-nav";

/** The form's state when it is shown again. */
export interface RematchFormState {
  values: Record<string, string>;
  errors?: Errors;
  problem?: string;
}

interface RematchProps {
  programId: string;
  csrf: string;
  view: Pick<RematchView, "person" | "side" | "pairings" | "candidates" | "unavailable">;
  form: RematchFormState;
}

/** The words of each side (message ids): taking part as it, and the partner the person gets. */
const SIDE_WORDS: Record<RematchSide, { takesPart: MessageId; instead: MessageId; none: MessageId }> = {
  mentee: {
    takesPart: "programs.rematch.takesPart.mentee",
    instead: "programs.rematch.instead.mentee",
    none: "programs.rematch.none.mentee",
  },
  mentor: {
    takesPart: "programs.rematch.takesPart.mentor",
    instead: "programs.rematch.instead.mentor",
    none: "programs.rematch.none.mentor",
  },
  peer: {
    takesPart: "programs.rematch.takesPart.peer",
    instead: "programs.rematch.instead.peer",
    none: "programs.rematch.none.peer",
  },
};

/** The URL the form posts to. */
export const rematchUrl = (programId: string, personId: string) => `/programs/${programId}/rematch/${personId}`;

/** The form; its first submission answers the confirmation in its place. */
export function RematchForm({ programId, csrf, view, form }: RematchProps) {
  const { t, locale } = useI18n();
  const { person, side, pairings, candidates } = view;
  const url = rematchUrl(programId, person.id);
  const leavable = pairings.filter((p) => !leaveRefusal(p.partners.length + 1));
  if (pairings.length > 0 && leavable.length === 0) {
    return <ActionProblem message={leaveRefusal(pairings[0]!.partners.length + 1)} />;
  }
  if (candidates.length === 0) {
    return (
      <p id="rematch-form">
        {view.unavailable
          ? t("programs.rematch.unavailable", { name: person.name })
          : t("programs.rematch.nobody", { name: person.name, side })}
      </p>
    );
  }
  const errors = form.errors;
  const leave = form.values.leave || (pairings.length === 1 ? pairings[0]!.id : "");
  return (
    <form id="rematch-form" method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <ErrorSummary errors={errors} />
      <ActionProblem message={form.problem} />
      <CsrfField token={csrf} />
      <input type="hidden" name="as" value={side} />
      {pairings.length === 1 ? <input type="hidden" name="leave" value={pairings[0]!.id} /> : null}
      {pairings.length > 1 ? (
        <fieldset class={errors?.leave ? "field invalid" : "field"}>
          <legend>{t("programs.rematch.whichEnds")}</legend>
          {pairings.map((p) => (
            <label class="check">
              <input type="radio" name="leave" value={p.id} checked={leave === p.id} />{" "}
              {t("programs.rematch.withStage", {
                names: joinNames(
                  p.partners.map((x) => x.name),
                  locale,
                ),
                stage: t(STAGE_NAMES[p.stage]),
              })}
            </label>
          ))}
          {errors?.leave ? (
            <p class="error" role="alert">
              <ErrorText text={errors.leave} />
            </p>
          ) : null}
        </fieldset>
      ) : errors?.leave ? (
        <p class="error" role="alert">
          <ErrorText text={errors.leave} />
        </p>
      ) : null}
      <fieldset class={errors?.candidate ? "field invalid" : "field"}>
        <legend>
          {t(candidates.length === CANDIDATES_SHOWN ? "programs.rematch.newFirst" : "programs.rematch.new", {
            side,
            count: CANDIDATES_SHOWN,
          })}
        </legend>
        {candidates.map((c) => (
          <label class="check">
            <input
              type="radio"
              name="candidate"
              value={c.candidate.id}
              checked={form.values.candidate === c.candidate.id}
            />{" "}
            <strong>{c.candidate.name || c.candidate.email}</strong> · {t("programs.rematch.score", { score: c.score })}
            <br />
            <span class="muted">{useReasons()(c.reasons)}</span>
          </label>
        ))}
        {errors?.candidate ? (
          <p class="error" role="alert">
            <ErrorText text={errors.candidate} />
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="f-reason"
        name="reason"
        label={t("programs.rematch.why")}
        hint={t("programs.rematch.whyHint", { max: REMATCH_REASON_MAX })}
        value={form.values.reason}
        error={errors?.reason}
        maxlength={REMATCH_REASON_MAX}
        required
      />
      <button type="submit">{t("programs.rematch.review")}</button>
    </form>
  );
}

/** The whole page: who, their current pairings, the sides they can be rematched on, and the form. */
export function RematchPage(props: RematchProps & { programName: string; sides: RematchSide[] }) {
  const { t, locale } = useI18n();
  const { person, side, pairings } = props.view;
  const url = rematchUrl(props.programId, person.id);
  return (
    <section class="narrow">
      <ProgramNav programId={props.programId} tab="pairings" />
      <h1>{t("programs.pairing.rematch", { name: person.name })}</h1>
      <p>
        {t(SIDE_WORDS[side].takesPart, { name: person.name, email: person.email })}
        {props.sides.length > 1
          ? props.sides
              .filter((s) => s !== side)
              .map((s) => (
                <>
                  {" "}
                  <a href={`${url}?as=${s}`}>{t(SIDE_WORDS[s].instead)}</a>
                </>
              ))
          : null}
      </p>
      <h2>{t("programs.rematch.current")}</h2>
      {pairings.length === 0 ? (
        <p>{t(SIDE_WORDS[side].none, { name: person.name })}</p>
      ) : (
        <ul>
          {pairings.map((p) => (
            <li>
              <a href={`/programs/${props.programId}/pairings/${p.id}`}>
                {t("programs.rematch.with", {
                  names: joinNames(
                    p.partners.map((x) => x.name),
                    locale,
                  ),
                })}
              </a>{" "}
              · {t(STAGE_NAMES[p.stage])}
              {leaveRefusal(p.partners.length + 1) ? <strong> · {t("programs.rematch.groupShort")}</strong> : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("programs.rematch.choose", { side })}</h2>
      <p class="hint">{t("programs.rematch.hint", { name: person.name })}</p>
      <RematchForm {...props} />
    </section>
  );
}
