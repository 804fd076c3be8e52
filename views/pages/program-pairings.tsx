/**
 * A coordinator's view of a program's pairings: the projection (stage, activity, counts), never chat, notes or
 * agreement text.
 */
import { riskReasonText } from "../../worker/domain/dashboard/risk-reasons";
import { EmptyState } from "../components/empty-state";
import { formatInstant } from "../../worker/domain/format-time";
import { stageName } from "../../worker/domain/program-home";
import { roleName } from "../../worker/domain/program";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { Rich, useI18n } from "../i18n";
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

/** A stage's name in the viewer's language (a stage this version does not know is shown as stored). */
function useStageLabel() {
  const { t } = useI18n();
  return (s: string) => {
    const id = stageName(s);
    return id ? t(id) : s;
  };
}

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
  const { t, locale } = useI18n();
  const stageLabel = useStageLabel();
  const pages = Math.max(1, Math.ceil(total / PAIRINGS_PER_PAGE));
  const base = `/programs/${program.id}/pairings`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="pairings" />
      <h1>{t("programs.pairings.title", { count: total })}</h1>
      <p class="hint">{t("programs.pairings.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState icon="users">
          <Rich
            id="programs.pairings.empty"
            tags={{ link: (children) => <a href={`/programs/${program.id}/matching`}>{children}</a> }}
          />
        </EmptyState>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t("programs.pairings.members")}</th>
                <th scope="col">{t("programs.pairings.stage")}</th>
                <th scope="col">{t("programs.pairings.lastActivity")}</th>
                <th scope="col">{t("programs.pairings.messages")}</th>
                <th scope="col">{t("programs.pairings.agreement")}</th>
                <th scope="col">{t("programs.pairings.goals")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/${r.id}`}>{r.members || "—"}</a>
                  </td>
                  <td data-label={t("programs.pairings.stage")}>
                    <span class={`stage stage-${r.stage}`}>{stageLabel(r.stage)}</span>
                    {r.riskReason ? (
                      <strong class="badge bad">
                        {t("programs.pairings.atRisk", { reason: riskReasonText(r.riskReason, t) })}
                      </strong>
                    ) : null}
                  </td>
                  <td data-label={t("programs.pairings.lastActivity")}>
                    {r.lastActivityAt
                      ? formatInstant(r.lastActivityAt, timeZone, intlTag(locale))
                      : t("programs.pairings.noneYet")}
                  </td>
                  <td data-label={t("programs.pairings.messages")}>{r.messageCount}</td>
                  <td data-label={t("programs.pairings.agreement")}>
                    {t(r.agreementSigned ? "programs.pairings.signed" : "programs.pairings.notSigned")}
                  </td>
                  <td data-label={t("programs.pairings.goals")}>
                    {r.goalProgress === null ? "—" : t("programs.pairings.percent", { n: r.goalProgress / 100 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label={t("programs.pairings.pages")} page={page} pages={pages} href={(n) => `${base}?page=${n}`} />
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
  const { t, locale } = useI18n();
  const stageLabel = useStageLabel();
  const when = (at: number) => formatInstant(at, timeZone, intlTag(locale));
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.name]));
  return (
    <section>
      <ProgramNav programId={pairing.programId} tab="pairings" />
      <p>
        <a href={`/programs/${pairing.programId}/pairings`}>{t("programs.pairing.back")}</a>
      </p>
      <DoneNotice message={done} />
      <h1 dir="auto">{pairing.members.map((m) => m.name).join(" & ")}</h1>
      <p>
        <Rich id="programs.pairing.stage" values={{ stage: stageLabel(pairing.stage) }} />
        {pairing.stageReason ? (
          <>
            {" — "}
            <span dir="auto">{pairing.stageReason}</span>
          </>
        ) : null}
      </p>
      {pairing.riskReason ? (
        <p class="error-summary" role="status">
          {t("programs.pairings.atRisk", { reason: riskReasonText(pairing.riskReason, t) })}
        </p>
      ) : null}
      <ul>
        <li>{t("programs.pairing.started", { at: when(pairing.createdAt) })}</li>
        <li>
          {t("programs.pairing.lastActivity", {
            at: pairing.lastActivityAt ? when(pairing.lastActivityAt) : t("programs.pairings.noneYet"),
          })}
        </li>
        <li>
          {pairing.agreementVersion === 0
            ? t("programs.pairing.agreementNone")
            : t(pairing.agreementSigned ? "programs.pairing.agreementSigned" : "programs.pairing.agreementUnsigned", {
                version: pairing.agreementVersion,
              })}
        </li>
        <li>{t("programs.pairing.messages", { count: pairing.messageCount })}</li>
      </ul>
      <h2>{t("programs.pairings.members")}</h2>
      <div class="table-wrap" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("programs.overview.name")}</th>
              <th scope="col">{t("programs.overview.role")}</th>
              <th scope="col">{t("programs.pairing.sent")}</th>
              <th scope="col">{t("programs.pairing.unread")}</th>
            </tr>
          </thead>
          <tbody>
            {pairing.members.map((m) => (
              <tr>
                <td>
                  <bdi>{m.name}</bdi> (<bdi>{m.email}</bdi>)
                  {offered.length ? (
                    <>
                      {" "}
                      <a href={`/programs/${pairing.programId}/rematch/${m.personId}`}>
                        {t("programs.pairing.rematch", { name: m.name })}
                      </a>
                    </>
                  ) : null}
                </td>
                <td>
                  {m.role === "peer" ? t("programs.pairing.peer") : t(roleName(m.role) ?? "programs.role.mentee")}
                </td>
                <td>{m.messageCount}</td>
                <td>{m.unreadCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("programs.pairing.actions")}</h2>
      {offered.length === 0 ? (
        <p>{t("programs.pairing.ended")}</p>
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
      <h2>{t("programs.pairings.goals")}</h2>
      {history.goals.length === 0 ? (
        <p>{t("programs.pairing.noGoals")}</p>
      ) : (
        <ul>
          {history.goals.map((g) => (
            <li>
              <span dir="auto">{g.title}</span>: {t("programs.pairings.percent", { n: g.progress / 100 })}
              {g.target_date ? `, ${t("programs.pairing.target", { date: g.target_date })}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("programs.pairing.history")}</h2>
      {history.changes.length === 0 ? (
        <p>{t("programs.pairing.noChanges")}</p>
      ) : (
        <ul>
          {history.changes.map((c) => (
            <li>
              {t("programs.pairing.change", {
                at: when(c.at),
                from: stageLabel(c.from_stage),
                to: stageLabel(c.to_stage),
                by: c.actor === "journey" ? "Trellis" : (names[c.actor] ?? t("programs.pairing.aCoordinator")),
              })}
              {c.reason ? (
                <>
                  {" — "}
                  <span dir="auto">{c.reason}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("programs.pairings.agreement")}</h2>
      {agreement ? (
        <>
          <p class="hint">{t("programs.pairing.shared")}</p>
          <Terms t={agreement.terms} />
        </>
      ) : (
        <p>{t("programs.pairing.private")}</p>
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

/** Each action form's words (message ids) and its field. */
const FORM_TEXT: Record<
  PairingAction,
  { legend: MessageId; field: string; label: MessageId; hint: MessageId; required: boolean }
> = {
  message: {
    legend: "programs.action.message.legend",
    field: "text",
    label: "programs.action.message.label",
    hint: "programs.action.message.hint",
    required: true,
  },
  pause: {
    legend: "programs.action.pause.legend",
    field: "reason",
    label: "programs.action.pause.label",
    hint: "programs.action.reasonHint",
    required: true,
  },
  resume: {
    legend: "programs.action.resume.legend",
    field: "reason",
    label: "programs.action.resume.label",
    hint: "programs.action.resume.hint",
    required: false,
  },
  end: {
    legend: "programs.action.end.legend",
    field: "reason",
    label: "programs.action.end.label",
    hint: "programs.action.reasonHint",
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
  const { t } = useI18n();
  const url = `/programs/${programId}/pairings/${pairingId}/actions/${action}`;
  const text = FORM_TEXT[action];
  return (
    <form id={`action-${action}`} method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <fieldset>
        <legend>{t(text.legend)}</legend>
        <ActionProblem message={state?.problem} />
        <CsrfField token={csrf} />
        <TextAreaField
          id={`f-${action}-${text.field}`}
          name={text.field}
          label={t(text.label)}
          hint={t(text.hint, { max: REASON_MAX })}
          value={state?.values[text.field]}
          error={state?.errors?.[text.field]}
          maxlength={action === "message" ? messageMax : REASON_MAX}
          required={text.required}
        />
        <button type="submit">{t(text.legend)}…</button>
      </fieldset>
    </form>
  );
}
