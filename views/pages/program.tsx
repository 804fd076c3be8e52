/** A program's overview for its coordinators: details, participants (paged) and the invite form. */
import { roles } from "../../worker/domain/vocabulary";
import { formatInstant } from "../../worker/domain/format-time";
import { MATCHING_MODE_LABELS, PROGRAM_TYPE_LABELS, INVITE_BATCH } from "../../worker/domain/program";
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

interface Participant {
  name: string;
  email: string;
  role: string;
  status: string;
  invitedAt: number | null;
  /** Why mail to this person does not arrive (the sending service reported a bounce or complaint), when it does not. */
  undeliverable?: string;
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
  const todos = coordinatorTodos(programId, counts);
  const people = participantsByStatus(counts);
  const stages = pairingsByStage(counts);
  const base = `/programs/${programId}`;
  return (
    <>
      <section class="card next" aria-labelledby="needs-h">
        <h2 id="needs-h">Needs you</h2>
        {todos.length === 0 ? (
          <p>
            <Icon name="check" /> Nothing needs you right now.
          </p>
        ) : (
          <ul class="plain">
            {todos.map((t) => (
              <li>
                <span class={`badge ${t.tone}`}>
                  {t.tone === "bad" ? "Urgent" : t.tone === "warn" ? "To do" : "Note"}
                </span>{" "}
                <a href={t.href}>{t.text}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div class="tiles">
        <section class="card" aria-labelledby="people-h">
          <h2 id="people-h">
            <Icon name="users" /> Participants
          </h2>
          <dl class="counts">
            <dt>Active mentors</dt>
            <dd>{people.active.mentors}</dd>
            <dt>Active mentees</dt>
            <dd>{people.active.mentees}</dd>
            <dt>Invited, not joined</dt>
            <dd>{people.invited.mentors + people.invited.mentees}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="stages-h">
          <h2 id="stages-h">
            <Icon name="chart" /> Pairings
          </h2>
          {stages.total === 0 ? (
            <p>
              No pairings yet. <a href={`${base}/matching`}>Match people</a> to start.
            </p>
          ) : (
            <dl class="counts">
              {stages.rows
                .filter((r) => r.n > 0)
                .map((r) => (
                  <>
                    <dt>
                      <span class={`stage stage-${r.stage}`}>{r.label}</span>
                      {r.atRisk ? <span class="muted"> {r.atRisk} at risk</span> : null}
                    </dt>
                    <dd>{r.n}</dd>
                  </>
                ))}
              <dt>All pairings</dt>
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
  const action = `/programs/${programId}/invitations`;
  return (
    <form id="invite" method="post" action={action} hx-post={action} hx-target="#invite" hx-swap="outerHTML">
      <h2>Invite someone</h2>
      {notice ? (
        <p class="success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <CsrfField token={csrf} />
      <div class="grid2">
        <TextInput name="email" label="Email address" type="email" value={values?.email} errors={errors} required />
        <Field name="role" label="Role" errors={errors}>
          <select name="role" {...describedBy("role", errors)}>
            {roles.map((r) => (
              <option value={r} selected={(values?.role ?? "mentee") === r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit">Send invitation</button>
    </form>
  );
}

/** A participant's status; for the invited, whether and when the invitation was emailed (in the viewer's zone). */
function Status({ participant: m, timeZone }: { participant: Participant; timeZone: string }) {
  if (m.status !== "invited") return <>{m.status}</>;
  if (m.invitedAt === null) return <>invited, not emailed yet</>;
  return (
    <>
      invited, emailed{" "}
      <time datetime={new Date(m.invitedAt).toISOString()}>{formatInstant(m.invitedAt, timeZone)}</time>
    </>
  );
}

/** The button that emails invitations to the next participants who were imported but never emailed. */
function MailPending({ csrf, programId, unmailed }: { csrf: string; programId: string; unmailed: number }) {
  if (unmailed === 0) return null;
  const next = Math.min(unmailed, INVITE_BATCH);
  return (
    <form method="post" action={`/programs/${programId}/invitations/pending`} class="notice">
      <CsrfField token={csrf} />
      <p>
        {unmailed} invited participant{unmailed === 1 ? " has" : "s have"} not been emailed yet.{" "}
        <button type="submit">
          Email invitations to {next === unmailed ? (unmailed === 1 ? "them" : `all ${unmailed}`) : `the next ${next}`}
        </button>
      </p>
    </form>
  );
}

/** The whole overview page. */
export function ProgramOverview(props: OverviewProps) {
  const { program: p, participants, total, page } = props;
  const pages = Math.max(1, Math.ceil(total / PARTICIPANTS_PER_PAGE));
  return (
    <section>
      <p class="crumbs">
        <a href="/programs">Programs</a>
      </p>
      <h1>{p.name}</h1>
      {props.notice && !props.invite ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      {p.description ? <p>{p.description}</p> : null}
      <p class="muted">
        {PROGRAM_TYPE_LABELS[p.type]} · {p.lengthWeeks} weeks · check-in every {p.cadenceDays} days ·{" "}
        {MATCHING_MODE_LABELS[p.matchingMode]}
      </p>
      <ProgramNav programId={p.id} tab="overview" />
      <ProgramState programId={p.id} counts={props.counts} />
      <p class="row-form">
        <a class="button secondary" href={`/programs/${p.id}/edit`}>
          Edit program
        </a>
        <a class="button secondary" href={`/programs/${p.id}/import`}>
          <Icon name="plus" />
          Import participants from CSV
        </a>
      </p>
      <h2 id="participants">Participants ({total})</h2>
      <MailingNotice mailing={props.mailing} href={`/programs/${p.id}?mailing=${props.mailing?.id ?? ""}`} />
      <MailPending csrf={props.csrf} programId={p.id} unmailed={props.unmailed} />
      <div class="table-wrap" tabindex={0}>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((m) => (
              <tr>
                <td>{m.name || "—"}</td>
                <td data-label="Email">
                  {m.email}
                  {m.undeliverable ? (
                    <>
                      {" "}
                      <strong class="badge bad">mail bounces</strong> <small>{m.undeliverable}</small>
                    </>
                  ) : null}
                </td>
                <td data-label="Role">{m.role}</td>
                <td data-label="Status">
                  <Status participant={m} timeZone={props.timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label="Participant pages"
        page={page}
        pages={pages}
        href={(n) => `/programs/${p.id}?page=${n}#participants`}
      />
      <InviteForm csrf={props.csrf} programId={p.id} values={props.invite?.values} errors={props.invite?.errors} />
    </section>
  );
}
