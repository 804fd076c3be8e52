/** A mentor's or mentee's own page for one program: their pairings and, in self-match programs, their requests. */
import { unreadLabel } from "../../worker/domain/room/chat";
import { displayName, effectiveStatus, limitText, STATUS_LABELS } from "../../worker/domain/matching/self-match";
import { formatInstant } from "../../worker/domain/format-time";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { OwnPairing } from "../../worker/domain/pairing";
import type { RequestWithPerson } from "../../worker/domain/matching/requests";
import { CsrfField, TextAreaField } from "../components/form";

/** A request a mentor received, with the readable reasons of the match. */
export interface IncomingRequest extends RequestWithPerson {
  reasons: string[];
}

/** A decline form sent back with a problem: the request, what was typed, the message. */
export interface DeclineDraft {
  requestId: string;
  reason: string;
  error: string;
}

export interface MyProgramProps {
  csrf: string;
  program: { id: string; name: string; description: string };
  timeZone: string;
  now: number;
  notice?: string;
  problem?: string;
  pairings: OwnPairing[];
  /** Mentees choose their mentors in this program. */
  selfMatch: boolean;
  expiryDays: number;
  mentee?: { wantsLeft: number; requestsLeft: number; requests: RequestWithPerson[] };
  mentor?: {
    freePlaces: number;
    open: IncomingRequest[];
    openTotal: number;
    closed: RequestWithPerson[];
    decline?: DeclineDraft;
  };
}

/** The whole page. */
export function MyProgramPage(props: MyProgramProps) {
  const p = props.program;
  return (
    <section>
      <h1>{p.name}</h1>
      {props.notice ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.problem ? (
        <p class="error-summary" role="alert">
          {props.problem}
        </p>
      ) : null}
      {p.description ? <p>{p.description}</p> : null}
      <p>
        <a href={`/programs/${p.id}/me/answers`}>Your answers for this program</a>
      </p>
      <Pairings pairings={props.pairings} timeZone={props.timeZone} />
      {!props.selfMatch ? (
        <p class="muted">
          The coordinators of this program match mentors and mentees. You will get an email when you are matched.
        </p>
      ) : null}
      {props.mentee ? <MenteeRequests {...props} mentee={props.mentee} /> : null}
      {props.mentor ? <MentorRequests {...props} mentor={props.mentor} /> : null}
    </section>
  );
}

function Pairings({ pairings, timeZone }: { pairings: OwnPairing[]; timeZone: string }) {
  return (
    <>
      <h2>Your pairings</h2>
      {pairings.length === 0 ? (
        <p>You are not paired with anyone in this program yet.</p>
      ) : (
        <ul class="cards">
          {pairings.map((pr) => (
            <li>
              <strong>You are the {pr.role}</strong> with{" "}
              {pr.others.map((o, i) => (
                <>
                  {i > 0 ? "; " : ""}
                  {displayName(o.name, o.email)} ({o.role}, {o.email})
                </>
              ))}
              <br />
              <a href={`/pairings/${pr.id}`}>Open the pairing's room</a>
              {pr.unread ? <strong class="badge"> {unreadLabel(pr.unread)}</strong> : null}
              <br />
              <span class="muted">
                {STAGE_LABELS[pr.stage as Stage] ?? pr.stage} · since{" "}
                <time datetime={new Date(pr.createdAt).toISOString()}>{formatInstant(pr.createdAt, timeZone)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MenteeRequests({
  csrf,
  program,
  timeZone,
  now,
  expiryDays,
  mentee,
}: MyProgramProps & { mentee: NonNullable<MyProgramProps["mentee"]> }) {
  return (
    <>
      <h2>Find a mentor</h2>
      <p>
        You choose your mentor here: ask one of the mentors who have a free place, with a short message. They accept or
        decline; a request nobody answers within {expiryDays} day{expiryDays === 1 ? "" : "s"} expires and you can ask
        someone else.
      </p>
      {mentee.wantsLeft <= 0 ? (
        <p class="notice">You have all the mentors this program allows.</p>
      ) : (
        <>
          <p class="muted">{limitText(mentee.wantsLeft)}</p>
          <p>
            {mentee.requestsLeft > 0 ? (
              <a class="button" href={`/programs/${program.id}/mentors`}>
                See mentors who can take you
              </a>
            ) : (
              <a href={`/programs/${program.id}/mentors`}>See the mentors</a>
            )}
          </p>
        </>
      )}
      <h3>Your requests</h3>
      {mentee.requests.length === 0 ? (
        <p>You have not asked anyone yet.</p>
      ) : (
        <ul class="cards">
          {mentee.requests.map((r) => {
            const status = effectiveStatus(r, now);
            return (
              <li>
                <strong>{displayName(r.otherName, r.otherEmail)}</strong> — {STATUS_LABELS[status]}
                <br />
                <span class="muted">
                  Sent <Instant at={r.createdAt} timeZone={timeZone} />
                  {status === "pending" ? (
                    <>
                      , open until <Instant at={r.expiresAt} timeZone={timeZone} />
                    </>
                  ) : null}
                </span>
                {r.reason && (status === "declined" || status === "withdrawn") ? <p>Reason: {r.reason}</p> : null}
                {status === "pending" ? (
                  <form
                    method="post"
                    action={`/programs/${program.id}/requests/${r.id}/withdraw`}
                    hx-post={`/programs/${program.id}/requests/${r.id}/withdraw`}
                    hx-target="#main"
                  >
                    <CsrfField token={csrf} />
                    <button type="submit" class="secondary">
                      Withdraw request
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function MentorRequests({
  csrf,
  program,
  timeZone,
  now,
  mentor,
}: MyProgramProps & { mentor: NonNullable<MyProgramProps["mentor"]> }) {
  return (
    <>
      <h2>Requests from mentees</h2>
      <p>
        {mentor.freePlaces === 0
          ? "You have no free place for another mentee. Raise your capacity on your profile to accept more."
          : `You have ${mentor.freePlaces} free place${mentor.freePlaces === 1 ? "" : "s"} for new mentees.`}{" "}
        <a href="/profile">Your capacity is set on your profile.</a>
      </p>
      {mentor.open.length === 0 ? (
        <p>No open requests.</p>
      ) : (
        <ul class="cards">
          {mentor.open.map((r) => (
            <Incoming
              csrf={csrf}
              programId={program.id}
              request={r}
              timeZone={timeZone}
              draft={mentor.decline?.requestId === r.id ? mentor.decline : undefined}
            />
          ))}
        </ul>
      )}
      {mentor.openTotal > mentor.open.length ? (
        <p class="notice">
          {mentor.openTotal - mentor.open.length} more open request
          {mentor.openTotal - mentor.open.length === 1 ? "" : "s"} will show here once you answer these (the ones that
          expire soonest come first).
        </p>
      ) : null}
      {mentor.closed.length > 0 ? (
        <>
          <h3>Answered and closed</h3>
          <ul class="cards">
            {mentor.closed.map((r) => (
              <li>
                <strong>{displayName(r.otherName, r.otherEmail)}</strong> — {STATUS_LABELS[effectiveStatus(r, now)]}
                {r.reason ? <span class="muted"> ({r.reason})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function Incoming({
  csrf,
  programId,
  request: r,
  timeZone,
  draft,
}: {
  csrf: string;
  programId: string;
  request: IncomingRequest;
  timeZone: string;
  draft?: DeclineDraft;
}) {
  const base = `/programs/${programId}/requests/${r.id}`;
  const field = `reason-${r.id}`;
  return (
    <li id={`request-${r.id}`}>
      <strong>{displayName(r.otherName, r.otherEmail)}</strong> asks you to be their mentor · match score {r.score}
      <RequestText text={r.message} />
      <p class="muted">
        {r.reasons.join(" · ")}
        <br />
        Open until <Instant at={r.expiresAt} timeZone={timeZone} />
      </p>
      <form method="post" action={`${base}/accept`} hx-post={`${base}/accept`} hx-target="#main" class="inline">
        <CsrfField token={csrf} />
        <button type="submit">Accept</button>
      </form>
      <details open={draft !== undefined}>
        <summary>Decline</summary>
        <form method="post" action={`${base}/decline`} hx-post={`${base}/decline`} hx-target="#main">
          <CsrfField token={csrf} />
          <TextAreaField
            id={field}
            name="reason"
            label="Reason (optional, sent to the mentee)"
            maxlength={500}
            value={draft?.reason}
            error={draft?.error}
          />
          <button type="submit" class="secondary">
            Decline request
          </button>
        </form>
      </details>
    </li>
  );
}

/** A message as written, its line breaks kept. */
function RequestText({ text }: { text: string }) {
  return (
    <blockquote>
      {text.split(/\r\n|\r|\n/).map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </blockquote>
  );
}

/** An instant in the viewer's zone, machine-readable too. */
function Instant({ at, timeZone }: { at: number; timeZone: string }) {
  return <time datetime={new Date(at).toISOString()}>{formatInstant(at, timeZone)}</time>;
}
