/**
 * "Rematch a person": their current pairings here, the people who could be their new partner (best match first), and
 * the form.
 */
import {
  CANDIDATES_SHOWN,
  leaveRefusal,
  REMATCH_REASON_MAX,
  type RematchSide,
  type RematchView,
} from "../../worker/domain/coordinator/rematch-rules";
import { STAGE_LABELS } from "../../worker/domain/room/stages";
import { ActionProblem } from "../components/confirm";
import { CsrfField, ErrorSummary, type Errors, TextAreaField } from "../components/form";
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

const SIDE_WORDS: Record<RematchSide, { as: string; partner: string }> = {
  mentee: { as: "as a mentee", partner: "mentor" },
  mentor: { as: "as a mentor", partner: "mentee" },
  peer: { as: "as a peer", partner: "peer" },
};

/** The URL the form posts to. */
export const rematchUrl = (programId: string, personId: string) => `/programs/${programId}/rematch/${personId}`;

/** The form; its first submission answers the confirmation in its place. */
export function RematchForm({ programId, csrf, view, form }: RematchProps) {
  const { person, side, pairings, candidates } = view;
  const url = rematchUrl(programId, person.id);
  const words = SIDE_WORDS[side];
  const leavable = pairings.filter((p) => !leaveRefusal(p.partners.length + 1));
  if (pairings.length > 0 && leavable.length === 0) {
    return <ActionProblem message={leaveRefusal(pairings[0]!.partners.length + 1)} />;
  }
  if (candidates.length === 0) {
    return (
      <p id="rematch-form">
        {view.unavailable
          ? `${person.name} is marked unavailable on their profile, so nobody can be proposed.`
          : `Nobody can become ${person.name}'s new ${words.partner} now: every ${words.partner} is full, unavailable, already paired with them, or ruled out.`}
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
          <legend>Which pairing ends</legend>
          {pairings.map((p) => (
            <label class="check">
              <input type="radio" name="leave" value={p.id} checked={leave === p.id} /> With{" "}
              {p.partners.map((x) => x.name).join(", ")} ({STAGE_LABELS[p.stage].toLowerCase()})
            </label>
          ))}
          {errors?.leave ? (
            <p class="error" role="alert">
              {errors.leave}
            </p>
          ) : null}
        </fieldset>
      ) : errors?.leave ? (
        <p class="error" role="alert">
          {errors.leave}
        </p>
      ) : null}
      <fieldset class={errors?.candidate ? "field invalid" : "field"}>
        <legend>
          New {words.partner} (best match first
          {candidates.length === CANDIDATES_SHOWN ? `, the first ${CANDIDATES_SHOWN}` : ""})
        </legend>
        {candidates.map((c) => (
          <label class="check">
            <input
              type="radio"
              name="candidate"
              value={c.candidate.id}
              checked={form.values.candidate === c.candidate.id}
            />{" "}
            <strong>{c.candidate.name || c.candidate.email}</strong> · match score {c.score}
            <br />
            <span class="muted">{c.reasons.join(" · ")}</span>
          </label>
        ))}
        {errors?.candidate ? (
          <p class="error" role="alert">
            {errors.candidate}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="f-reason"
        name="reason"
        label="Why rematch?"
        hint={`Required, at most ${REMATCH_REASON_MAX} characters. Saved with the ended pairing as "Rematched: …"; its members read it.`}
        value={form.values.reason}
        error={errors?.reason}
        maxlength={REMATCH_REASON_MAX}
        required
      />
      <button type="submit">Review the rematch…</button>
    </form>
  );
}

/** The whole page: who, their current pairings, the sides they can be rematched on, and the form. */
export function RematchPage(props: RematchProps & { programName: string; sides: RematchSide[] }) {
  const { person, side, pairings } = props.view;
  const url = rematchUrl(props.programId, person.id);
  return (
    <section class="narrow">
      <ProgramNav programId={props.programId} tab="pairings" />
      <h1>Rematch {person.name}</h1>
      <p>
        {person.name} ({person.email}) takes part {SIDE_WORDS[side].as}.
        {props.sides.length > 1
          ? props.sides
              .filter((s) => s !== side)
              .map((s) => (
                <>
                  {" "}
                  <a href={`${url}?as=${s}`}>Rematch them {SIDE_WORDS[s].as} instead</a>
                </>
              ))
          : null}
      </p>
      <h2>Current pairings</h2>
      {pairings.length === 0 ? (
        <p>
          {person.name} has no current pairing here {SIDE_WORDS[side].as}: the new pairing starts without ending
          another.
        </p>
      ) : (
        <ul>
          {pairings.map((p) => (
            <li>
              <a href={`/programs/${props.programId}/pairings/${p.id}`}>
                With {p.partners.map((x) => x.name).join(", ")}
              </a>{" "}
              · {STAGE_LABELS[p.stage]}
              {leaveRefusal(p.partners.length + 1) ? (
                <strong> · a group: leaving a group is not supported yet</strong>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>Choose the new {SIDE_WORDS[side].partner}</h2>
      <p class="hint">
        Only people with a free place who are available, not paired with {person.name} now and not ruled out by the
        program's avoid list are listed, ranked by the program's match score. The old pairing ends early, a new one
        starts and both people are emailed; the rematch is written to the audit log.
      </p>
      <RematchForm {...props} />
    </section>
  );
}
