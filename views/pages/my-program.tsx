/** A mentor's or mentee's own page for one program: their pairings and, in self-match programs, their requests. */
import { useReasons } from "../components/match-reasons";
import { displayName, effectiveStatus, limitText, STATUS_LABELS } from "../../worker/domain/matching/self-match";
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { OwnPairing } from "../../worker/domain/pairing";
import type { RequestWithPerson } from "../../worker/domain/matching/requests";
import { CsrfField, ErrorText, TextAreaField } from "../components/form";
import { useI18n } from "../i18n";

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
  const { t } = useI18n();
  const p = props.program;
  return (
    <section>
      <h1>{p.name}</h1>
      {props.notice ? (
        <p class="success" role="status">
          <ErrorText text={props.notice} />
        </p>
      ) : null}
      {props.problem ? (
        <p class="error-summary" role="alert">
          <ErrorText text={props.problem} />
        </p>
      ) : null}
      {p.description ? <p>{p.description}</p> : null}
      <p>
        <a href={`/programs/${p.id}/me/answers`}>{t("myProgram.answers")}</a>
      </p>
      <Pairings pairings={props.pairings} timeZone={props.timeZone} />
      {!props.selfMatch ? <p class="muted">{t("myProgram.coordinatorsMatch")}</p> : null}
      {props.mentee ? <MenteeRequests {...props} mentee={props.mentee} /> : null}
      {props.mentor ? <MentorRequests {...props} mentor={props.mentor} /> : null}
    </section>
  );
}

function Pairings({ pairings, timeZone }: { pairings: OwnPairing[]; timeZone: string }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t("home.pairings")}</h2>
      {pairings.length === 0 ? (
        <p>{t("myProgram.noPairings")}</p>
      ) : (
        <ul class="cards">
          {pairings.map((pr) => (
            <li>
              <strong>{t("myProgram.youAre", { role: pr.role })}</strong>{" "}
              {pr.others.map((o, i) => (
                <>
                  {i > 0 ? "; " : ""}
                  {t("myProgram.other", {
                    name: displayName(o.name, o.email),
                    role: t("invitation.role", { role: o.role }),
                    email: o.email,
                  })}
                </>
              ))}
              <br />
              <a href={`/pairings/${pr.id}`}>{t("myProgram.openRoom")}</a>
              {pr.unread ? (
                <strong class="badge"> {t("home.unread", { count: Math.min(pr.unread, 999) })}</strong>
              ) : null}
              <br />
              <span class="muted">
                {t("home.stage", { stage: pr.stage })} · {t("myProgram.since")}{" "}
                <Instant at={pr.createdAt} timeZone={timeZone} />
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
  const { t } = useI18n();
  return (
    <>
      <h2>{t("myProgram.findMentor")}</h2>
      <p>{t("myProgram.findMentor.intro", { days: expiryDays })}</p>
      {mentee.wantsLeft <= 0 ? (
        <p class="notice">{t("myProgram.allMentors")}</p>
      ) : (
        <>
          <p class="muted">
            <ErrorText text={limitText(mentee.wantsLeft)} />
          </p>
          <p>
            {mentee.requestsLeft > 0 ? (
              <a class="button" href={`/programs/${program.id}/mentors`}>
                {t("myProgram.seeMentorsForYou")}
              </a>
            ) : (
              <a href={`/programs/${program.id}/mentors`}>{t("myProgram.seeMentors")}</a>
            )}
          </p>
        </>
      )}
      <h3>{t("myProgram.yourRequests")}</h3>
      {mentee.requests.length === 0 ? (
        <p>{t("myProgram.noRequests")}</p>
      ) : (
        <ul class="cards">
          {mentee.requests.map((r) => {
            const status = effectiveStatus(r, now);
            return (
              <li>
                <strong>{displayName(r.otherName, r.otherEmail)}</strong> — {t(STATUS_LABELS[status])}
                <br />
                <span class="muted">
                  {t("myProgram.sent")} <Instant at={r.createdAt} timeZone={timeZone} />
                  {status === "pending" ? (
                    <>
                      {" · "}
                      {t("myProgram.openUntil")} <Instant at={r.expiresAt} timeZone={timeZone} />
                    </>
                  ) : null}
                </span>
                {r.reason && (status === "declined" || status === "withdrawn") ? (
                  <p>{t("myProgram.reason", { reason: r.reason })}</p>
                ) : null}
                {status === "pending" ? (
                  <form
                    method="post"
                    action={`/programs/${program.id}/requests/${r.id}/withdraw`}
                    hx-post={`/programs/${program.id}/requests/${r.id}/withdraw`}
                    hx-target="#main"
                  >
                    <CsrfField token={csrf} />
                    <button type="submit" class="secondary">
                      {t("myProgram.withdraw")}
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
  const { t } = useI18n();
  return (
    <>
      <h2>{t("myProgram.fromMentees")}</h2>
      <p>
        {mentor.freePlaces === 0 ? t("myProgram.noFreePlace") : t("myProgram.freePlaces", { count: mentor.freePlaces })}{" "}
        <a href="/profile">{t("myProgram.capacityLink")}</a>
      </p>
      {mentor.open.length === 0 ? (
        <p>{t("myProgram.noOpen")}</p>
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
        <p class="notice">{t("myProgram.moreOpen", { count: mentor.openTotal - mentor.open.length })}</p>
      ) : null}
      {mentor.closed.length > 0 ? (
        <>
          <h3>{t("myProgram.closed")}</h3>
          <ul class="cards">
            {mentor.closed.map((r) => (
              <li>
                <strong>{displayName(r.otherName, r.otherEmail)}</strong> — {t(STATUS_LABELS[effectiveStatus(r, now)])}
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
  const { t } = useI18n();
  const base = `/programs/${programId}/requests/${r.id}`;
  const field = `reason-${r.id}`;
  return (
    <li id={`request-${r.id}`}>
      <strong>{displayName(r.otherName, r.otherEmail)}</strong> {t("myProgram.asks")} ·{" "}
      {t("selfMatch.score", { score: r.score })}
      <RequestText text={r.message} />
      <p class="muted">
        {useReasons()(r.reasons)}
        <br />
        {t("myProgram.openUntil")} <Instant at={r.expiresAt} timeZone={timeZone} />
      </p>
      <form method="post" action={`${base}/accept`} hx-post={`${base}/accept`} hx-target="#main" class="inline">
        <CsrfField token={csrf} />
        <button type="submit">{t("myProgram.accept")}</button>
      </form>
      <details open={draft !== undefined}>
        <summary>{t("myProgram.decline")}</summary>
        <form method="post" action={`${base}/decline`} hx-post={`${base}/decline`} hx-target="#main">
          <CsrfField token={csrf} />
          <TextAreaField
            id={field}
            name="reason"
            label={t("myProgram.declineReason")}
            maxlength={500}
            value={draft?.reason}
            error={draft?.error}
          />
          <button type="submit" class="secondary">
            {t("myProgram.declineRequest")}
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
  const { locale } = useI18n();
  return <time datetime={new Date(at).toISOString()}>{formatInstant(at, timeZone, intlTag(locale))}</time>;
}
