/**
 * A coordinator's view of a program's pairings: the projection (stage, activity, counts), never chat, notes or
 * agreement text.
 */
import { EmptyState } from "../components/empty-state";
import { formatInstant } from "../../worker/domain/format-time";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { PairingRecord, PairingSummaryRow, PairingHistory } from "../../worker/domain/pairing";
import { PAIRINGS_PER_PAGE } from "../../worker/domain/paging";
import type { AgreementView } from "../../worker/domain/room/types";
import type { PairingAction } from "../../worker/domain/coordinator/pairing-action-rules";
import { REASON_MAX } from "../../worker/domain/room/stages";
import { ActionProblem, DoneNotice } from "../components/confirm";
import { CsrfField, type Errors, TextAreaField } from "../components/form";
import { ProgramNav } from "../components/program-nav";
import { Terms } from "./pairing-agreement";
import { Pager } from "../components/pager";

const stageLabel = (s: string) => STAGE_LABELS[s as Stage] ?? s;

/** The list of a program's pairings, quietest first. */
export function ProgramPairingsPage({
  program,
  rows,
  total,
  page,
  timeZone,
}: {
  program: { id: string; name: string };
  rows: PairingSummaryRow[];
  total: number;
  page: number;
  timeZone: string;
}) {
  const pages = Math.max(1, Math.ceil(total / PAIRINGS_PER_PAGE));
  const base = `/programs/${program.id}/pairings`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="pairings" />
      <h1>Pairings ({total})</h1>
      <p class="hint">
        Quietest first. You see each pairing's stage and activity; its conversation, notes and agreement stay private to
        its members. Open a pairing to message it, pause, resume or end it.
      </p>
      {rows.length === 0 ? (
        <EmptyState icon="users">
          No pairings yet: publish matches from the <a href={`/programs/${program.id}/matching`}>matching page</a>.
        </EmptyState>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">Members</th>
                <th scope="col">Stage</th>
                <th scope="col">Last activity</th>
                <th scope="col">Messages</th>
                <th scope="col">Agreement</th>
                <th scope="col">Goals</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/${r.id}`}>{r.members || "—"}</a>
                  </td>
                  <td data-label="Stage">
                    <span class={`stage stage-${r.stage}`}>{stageLabel(r.stage)}</span>
                    {r.riskReason ? <strong class="badge bad">At risk: {r.riskReason}</strong> : null}
                  </td>
                  <td data-label="Last activity">
                    {r.lastActivityAt ? formatInstant(r.lastActivityAt, timeZone) : "None yet"}
                  </td>
                  <td data-label="Messages">{r.messageCount}</td>
                  <td data-label="Agreement">{r.agreementSigned ? "Signed" : "Not signed"}</td>
                  <td data-label="Goals">{r.goalProgress === null ? "—" : `${r.goalProgress}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Pairing pages" page={page} pages={pages} href={(n) => `${base}?page=${n}`} />
    </section>
  );
}

interface SummaryProps {
  pairing: PairingRecord;
  history: PairingHistory;
  /** The agreement, only when a member shared it. */
  agreement: AgreementView | null;
  timeZone: string;
  csrf: string;
  /** The actions the stage machine lets a coordinator take now. */
  offered: PairingAction[];
  /** The longest message the coordinator can send (their signature is added). */
  messageMax: number;
  /** The action form being edited again, with its values and errors. */
  form?: ActionFormState;
  /** What was just done, for the notice. */
  done?: string | null;
}

/** One pairing's summary for coordinators. */
export function PairingSummaryPage({
  pairing,
  history,
  agreement,
  timeZone,
  csrf,
  offered,
  messageMax,
  form,
  done,
}: SummaryProps) {
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.name]));
  return (
    <section>
      <ProgramNav programId={pairing.programId} tab="pairings" />
      <p>
        <a href={`/programs/${pairing.programId}/pairings`}>← All pairings</a>
      </p>
      <DoneNotice message={done} />
      <h1>{pairing.members.map((m) => m.name).join(" & ")}</h1>
      <p>
        Stage: <strong>{stageLabel(pairing.stage)}</strong>
        {pairing.stageReason ? ` — ${pairing.stageReason}` : ""}
      </p>
      {pairing.riskReason ? (
        <p class="error-summary" role="status">
          At risk: {pairing.riskReason}
        </p>
      ) : null}
      <ul>
        <li>Started {formatInstant(pairing.createdAt, timeZone)}</li>
        <li>Last activity: {pairing.lastActivityAt ? formatInstant(pairing.lastActivityAt, timeZone) : "none yet"}</li>
        <li>
          Agreement:{" "}
          {pairing.agreementVersion === 0
            ? "not written yet"
            : pairing.agreementSigned
              ? `version ${pairing.agreementVersion}, signed by everyone`
              : `version ${pairing.agreementVersion}, not signed by everyone`}
        </li>
        <li>Messages: {pairing.messageCount}</li>
      </ul>
      <h2>Members</h2>
      <div class="table-wrap" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Messages sent</th>
              <th scope="col">Unread</th>
            </tr>
          </thead>
          <tbody>
            {pairing.members.map((m) => (
              <tr>
                <td>
                  {m.name} ({m.email})
                  {offered.length ? (
                    <>
                      {" "}
                      <a href={`/programs/${pairing.programId}/rematch/${m.personId}`}>Rematch {m.name}</a>
                    </>
                  ) : null}
                </td>
                <td>{m.role}</td>
                <td>{m.messageCount}</td>
                <td>{m.unreadCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Actions</h2>
      {offered.length === 0 ? (
        <p>This pairing has ended: nothing can be changed any more.</p>
      ) : (
        offered.map((a) => (
          <PairingActionForm
            programId={pairing.programId}
            pairingId={pairing.id}
            csrf={csrf}
            action={a}
            messageMax={messageMax}
            state={form?.action === a ? form : undefined}
          />
        ))
      )}
      <h2>Goals</h2>
      {history.goals.length === 0 ? (
        <p>No goals yet.</p>
      ) : (
        <ul>
          {history.goals.map((g) => (
            <li>
              {g.title}: {g.progress}% ({g.status}){g.target_date ? `, target ${g.target_date}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>Stage history</h2>
      {history.changes.length === 0 ? (
        <p>No changes since the pairing started.</p>
      ) : (
        <ul>
          {history.changes.map((c) => (
            <li>
              {formatInstant(c.at, timeZone)}: {stageLabel(c.from_stage)} → {stageLabel(c.to_stage)} by{" "}
              {c.actor === "journey" ? "Trellis" : (names[c.actor] ?? "a coordinator")}
              {c.reason ? ` — ${c.reason}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>Agreement</h2>
      {agreement ? (
        <>
          <p class="hint">A member shared this with the program's coordinators.</p>
          <Terms t={agreement.terms} />
        </>
      ) : (
        <p>Private to the members. They can choose to share it with you.</p>
      )}
    </section>
  );
}

/** An action form being shown again: what was typed, its errors, or why the room refused it. */
export interface ActionFormState {
  action: PairingAction;
  values: Record<string, string>;
  errors?: Errors;
  problem?: string;
}

const FORM_TEXT: Record<
  PairingAction,
  { legend: string; field: string; label: string; hint: string; required: boolean }
> = {
  message: {
    legend: "Send a message into this pairing",
    field: "text",
    label: "Message",
    hint: "Shown in the pairing's chat as a message from you, the program coordinator.",
    required: true,
  },
  pause: {
    legend: "Pause",
    field: "reason",
    label: "Why pause the pairing?",
    hint: `Required, at most ${REASON_MAX} characters. The members read it in their chat.`,
    required: true,
  },
  resume: {
    legend: "Resume",
    field: "reason",
    label: "Note for the members (optional)",
    hint: "The pairing goes back to the stage it was paused from.",
    required: false,
  },
  end: {
    legend: "End early",
    field: "reason",
    label: "Why end the pairing early?",
    hint: `Required, at most ${REASON_MAX} characters. The members read it in their chat.`,
    required: true,
  },
};

/** One action's form; its first submission answers the confirmation in its place. */
export function PairingActionForm({
  programId,
  pairingId,
  csrf,
  action,
  messageMax,
  state,
}: {
  programId: string;
  pairingId: string;
  csrf: string;
  action: PairingAction;
  messageMax: number;
  state?: ActionFormState;
}) {
  const url = `/programs/${programId}/pairings/${pairingId}/actions/${action}`;
  const t = FORM_TEXT[action];
  return (
    <form id={`action-${action}`} method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <fieldset>
        <legend>{t.legend}</legend>
        <ActionProblem message={state?.problem} />
        <CsrfField token={csrf} />
        <TextAreaField
          id={`f-${action}-${t.field}`}
          name={t.field}
          label={t.label}
          hint={t.hint}
          value={state?.values[t.field]}
          error={state?.errors?.[t.field]}
          maxlength={action === "message" ? messageMax : REASON_MAX}
          required={t.required}
        />
        <button type="submit">{t.legend}…</button>
      </fieldset>
    </form>
  );
}
