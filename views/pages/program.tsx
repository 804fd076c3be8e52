/** A program's overview for its coordinators: details, participants (paged) and the invite form. */
import { roles } from "../../worker/domain/vocabulary";
import { formatInstant } from "../../worker/domain/format-time";
import {
  INVITE_BATCH,
  MATCHING_MODE_LABELS,
  PROGRAM_TYPE_LABELS,
  ROLE_NAMES,
  roleName,
} from "../../worker/domain/program";
import { intlTag } from "../../worker/domain/i18n/locales";
import { useI18n } from "../i18n";
import type { Program } from "../../worker/domain/records";
import { PARTICIPANTS_PER_PAGE } from "../../worker/domain/paging";
import { ProgramNav } from "../components/program-nav";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput } from "../components/form";
import { Pager } from "../components/pager";
import { MailingNotice } from "../components/mailing-progress";
import type { MailingProgress } from "../../worker/domain/mailing";
import {
  coordinatorTodos,
  pairingsByStage,
  participantsByStatus,
  type ProgramHomeCounts,
} from "../../worker/domain/program-home";
import { Icon } from "../components/icon";
import { Rich } from "../i18n";

interface Participant {
  name: string;
  email: string;
  role: string;
  status: string;
  invitedAt: number | null;
  /** Why mail to this person does not arrive (the sending service reported a bounce or complaint), when it does not. */
  undeliverable?: { kind: "bounce" | "complaint"; reason: string };
}

interface OverviewProps {
  csrf: string;
  program: Program;
  participants: Participant[];
  total: number;
  page: number;
  /** Invited participants never emailed (imported from CSV). */
  unmailed: number;
  /** The viewer's time zone, for the times shown. */
  timeZone: string;
  notice?: string;
  /** The invitation mailing the last click started. */
  mailing?: MailingProgress | null;
  invite?: { values: Record<string, string>; errors?: Errors };
  /** Participants by status, pairings by stage and the current matching run, for the state at the top. */
  counts: ProgramHomeCounts;
}

/** The program's state before any table: what needs a coordinator, participants by status, pairings by stage. */
function ProgramState({ programId, counts }: { programId: string; counts: ProgramHomeCounts }) {
  const { t } = useI18n();
  const todos = coordinatorTodos(programId, counts);
  const people = participantsByStatus(counts);
  const stages = pairingsByStage(counts);
  const base = `/programs/${programId}`;
  return (
    <>
      <section class="card next" aria-labelledby="needs-h">
        <h2 id="needs-h">{t("programs.overview.needsYou")}</h2>
        {todos.length === 0 ? (
          <p>
            <Icon name="check" /> {t("programs.overview.nothingNeeded")}
          </p>
        ) : (
          <ul class="plain">
            {todos.map((todo) => (
              <li>
                <span class={`badge ${todo.tone}`}>
                  {t(
                    todo.tone === "bad"
                      ? "programs.overview.urgent"
                      : todo.tone === "warn"
                        ? "programs.overview.toDo"
                        : "programs.overview.note",
                  )}
                </span>{" "}
                <a href={todo.href}>{t(todo.text, todo.values)}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div class="tiles">
        <section class="card" aria-labelledby="people-h">
          <h2 id="people-h">
            <Icon name="users" /> {t("programs.overview.participantsTitle")}
          </h2>
          <dl class="counts">
            <dt>{t("programs.overview.activeMentors")}</dt>
            <dd>{people.active.mentors}</dd>
            <dt>{t("programs.overview.activeMentees")}</dt>
            <dd>{people.active.mentees}</dd>
            <dt>{t("programs.overview.invitedNotJoined")}</dt>
            <dd>{people.invited.mentors + people.invited.mentees}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="stages-h">
          <h2 id="stages-h">
            <Icon name="chart" /> {t("programs.nav.pairings")}
          </h2>
          {stages.total === 0 ? (
            <p>
              <Rich
                id="programs.overview.noPairings"
                tags={{ link: (children) => <a href={`${base}/matching`}>{children}</a> }}
              />
            </p>
          ) : (
            <dl class="counts">
              {stages.rows
                .filter((r) => r.n > 0)
                .map((r) => (
                  <>
                    <dt>
                      <span class={`stage stage-${r.stage}`}>{t(r.label)}</span>
                      {r.atRisk ? (
                        <span class="muted"> {t("programs.overview.atRisk", { count: r.atRisk })}</span>
                      ) : null}
                    </dt>
                    <dd>{r.n}</dd>
                  </>
                ))}
              <dt>{t("programs.overview.allPairings")}</dt>
              <dd>
                <a href={`${base}/pairings`}>{stages.total}</a>
              </dd>
            </dl>
          )}
        </section>
      </div>
    </>
  );
}

/** The invite form (also swapped alone by htmx). */
export function InviteForm({
  csrf,
  programId,
  values,
  errors,
  notice,
}: {
  csrf: string;
  programId: string;
  values?: Record<string, string>;
  errors?: Errors;
  notice?: string;
}) {
  const { t } = useI18n();
  const action = `/programs/${programId}/invitations`;
  return (
    <form id="invite" method="post" action={action} hx-post={action} hx-target="#invite" hx-swap="outerHTML">
      <h2>{t("programs.invite.title")}</h2>
      {notice ? (
        <p class="success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <CsrfField token={csrf} />
      <div class="grid2">
        <TextInput name="email" label={t("signin.email")} type="email" value={values?.email} errors={errors} required />
        <Field name="role" label={t("programs.overview.role")} errors={errors}>
          <select name="role" {...describedBy("role", errors)}>
            {roles.map((r) => (
              <option value={r} selected={(values?.role ?? "mentee") === r}>
                {t(ROLE_NAMES[r])}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit">{t("programs.invite.submit")}</button>
    </form>
  );
}

/** A participant's status; for the invited, whether and when the invitation was emailed (in the viewer's zone). */
function Status({ participant: m, timeZone }: { participant: Participant; timeZone: string }) {
  const { t, locale } = useI18n();
  if (m.status === "active") return <>{t("programs.status.active")}</>;
  if (m.status !== "invited") return <>{m.status}</>;
  if (m.invitedAt === null) return <>{t("programs.status.notEmailed")}</>;
  const iso = new Date(m.invitedAt).toISOString();
  return (
    <Rich
      id="programs.status.emailed"
      values={{ at: formatInstant(m.invitedAt, timeZone, intlTag(locale)) }}
      tags={{ time: (children) => <time datetime={iso}>{children}</time> }}
    />
  );
}

/** The button that emails invitations to the next participants who were imported but never emailed. */
function MailPending({ csrf, programId, unmailed }: { csrf: string; programId: string; unmailed: number }) {
  const { t } = useI18n();
  if (unmailed === 0) return null;
  const next = Math.min(unmailed, INVITE_BATCH);
  return (
    <form method="post" action={`/programs/${programId}/invitations/pending`} class="notice">
      <CsrfField token={csrf} />
      <p>
        {t("programs.overview.unmailed", { count: unmailed })}{" "}
        <button type="submit">
          {next === unmailed
            ? t("programs.overview.mailAll", { count: unmailed })
            : t("programs.overview.mailNext", { count: next })}
        </button>
      </p>
    </form>
  );
}

/** The whole overview page. */
export function ProgramOverview(props: OverviewProps) {
  const { t } = useI18n();
  const { program: p, participants, total, page } = props;
  const pages = Math.max(1, Math.ceil(total / PARTICIPANTS_PER_PAGE));
  return (
    <section>
      <p class="crumbs">
        <a href="/programs">{t("layout.programs")}</a>
      </p>
      <h1 dir="auto">{p.name}</h1>
      {props.notice && !props.invite ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      {p.description ? <p dir="auto">{p.description}</p> : null}
      <p class="muted">
        {t(PROGRAM_TYPE_LABELS[p.type])} · {t("programs.overview.weeks", { count: p.lengthWeeks })} ·{" "}
        {t("programs.overview.cadence", { count: p.cadenceDays })} · {t(MATCHING_MODE_LABELS[p.matchingMode])}
      </p>
      <ProgramNav programId={p.id} tab="overview" />
      <ProgramState programId={p.id} counts={props.counts} />
      <p class="row-form">
        <a class="button secondary" href={`/programs/${p.id}/edit`}>
          {t("programs.form.editTitle")}
        </a>
        <a class="button secondary" href={`/programs/${p.id}/import`}>
          <Icon name="plus" />
          {t("programs.import.title")}
        </a>
      </p>
      <h2 id="participants">{t("programs.overview.participantsCount", { count: total })}</h2>
      <MailingNotice mailing={props.mailing} href={`/programs/${p.id}?mailing=${props.mailing?.id ?? ""}`} />
      <MailPending csrf={props.csrf} programId={p.id} unmailed={props.unmailed} />
      <div class="table-wrap" tabindex={0}>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t("programs.overview.name")}</th>
              <th scope="col">{t("programs.overview.email")}</th>
              <th scope="col">{t("programs.overview.role")}</th>
              <th scope="col">{t("programs.overview.status")}</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((m) => (
              <tr>
                <td dir="auto">{m.name || "—"}</td>
                <td data-label={t("programs.overview.email")}>
                  {m.email}
                  {m.undeliverable ? (
                    <>
                      {" "}
                      <strong class="badge bad">
                        {t(
                          m.undeliverable.kind === "bounce"
                            ? "programs.overview.bounces"
                            : "programs.overview.complained",
                        )}
                      </strong>{" "}
                      <small dir="auto">{m.undeliverable.reason}</small>
                    </>
                  ) : null}
                </td>
                <td data-label={t("programs.overview.role")}>{t(roleName(m.role) ?? "programs.role.mentee")}</td>
                <td data-label={t("programs.overview.status")}>
                  <Status participant={m} timeZone={props.timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label={t("programs.overview.pages")}
        page={page}
        pages={pages}
        href={(n) => `/programs/${p.id}?page=${n}#participants`}
      />
      <InviteForm csrf={props.csrf} programId={p.id} values={props.invite?.values} errors={props.invite?.errors} />
    </section>
  );
}
