/**
 * A participant's own program page and self-match: mentees see mentors ranked by score and ask one; the mentor accepts
 * or declines; the mentee may withdraw. Every action is a plain form POST answered by a redirect; problems re-render
 * the page.
 */
import { type Context, Hono } from "hono";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { type DeclineDraft, type IncomingRequest, MyProgramPage } from "../../views/pages/my-program";
import { MentorsPage, type RequestDraft } from "../../views/pages/self-match";
import type { Role } from "../domain/vocabulary";
import { formatInstant } from "../domain/format-time";
import {
  declineFormSchema,
  decisionProblemText,
  displayName,
  effectiveStatus,
  expiresAt,
  MENTORS_PER_PAGE,
  pageOf,
  requestFormSchema,
  requestRefusal,
  requestsLeft,
} from "../domain/matching/self-match";
import { type MatchSettings, settingsOf } from "../domain/matching/settings";
import { isKnownTimeZone } from "../domain/time-zones";
import { fieldErrors, readForm, typedValues } from "../http/forms";
import { requireUser } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin } from "../mail/mail-outbox";
import { ownPairings } from "../matching/participant-pairings";
import { acceptedMail, declinedMail, requestMail } from "../matching/request-mail";
import {
  acceptRequest,
  createRequest,
  type Decision,
  declineRequest,
  expireOverdue,
  findRequest,
  menteeRequests,
  mentorRequests,
  requestParties,
  withdrawRequest,
} from "../matching/requests";
import type { MatchRequest } from "../domain/matching/requests";
import { mentorChoices, participantStanding } from "../matching/self-match-pool";
import type { Program } from "../domain/records";
import { getProgram } from "../programs/queries";
import { rolesIn } from "../programs/roles";
import { intlTag, mailLocale } from "../domain/i18n/locales";
import { type MessageId, msg, translator } from "../domain/i18n/translate";
import { languageOf } from "../people/profile-store";
import type { AppEnv } from "../types";
import { pageNumber } from "../domain/paging";

export const selfMatchRoutes = new Hono<AppEnv>();

/**
 * The program in `:programId`, the viewer's active roles in it, its matching settings, and the time of this request.
 */
interface Access {
  program: Program;
  roles: Role[];
  settings: MatchSettings;
  now: number;
  timeZone: string;
}

const NOT_PARTICIPANT: MessageId = "selfMatch.forbidden.notParticipant";
const ONLY_MENTEES: MessageId = "selfMatch.forbidden.onlyMentees";

function forbidden(c: Context<AppEnv>, message: MessageId) {
  c.status(403);
  return c.render(<ForbiddenPage message={c.var.t(message)} />, { title: c.var.t("error.forbidden.title") });
}

/** Loads the program and the viewer's roles, or answers 404 when the program does not exist. */
async function access(c: Context<AppEnv>): Promise<Access | Response> {
  const program = await getProgram(c.env, c.req.param("programId") ?? "");
  if (!program) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  const user = c.var.user!;
  return {
    program,
    roles: await rolesIn(c.env, program.id, user.id),
    settings: settingsOf(program.matchSettings),
    now: Date.now(),
    timeZone: isKnownTimeZone(user.timeZone) ? user.timeZone : "UTC",
  };
}

const isParticipant = (a: Access) => a.roles.includes("mentor") || a.roles.includes("mentee");

/**
 * Mentees choose their mentors in self-match programs with mentor and mentee roles (peer programs are matched by
 * coordinators).
 */
const selfMatches = (p: Program) => p.matchingMode === "self" && p.type !== "peer";

function notSelfMatchText(p: Program): MessageId {
  return p.type === "peer" && p.matchingMode === "self"
    ? "selfMatch.forbidden.peer"
    : "selfMatch.forbidden.coordinatorsMatch";
}

const DONE: Record<string, MessageId> = {
  requested: "selfMatch.done.requested",
  accepted: "selfMatch.done.accepted",
  declined: "selfMatch.done.declined",
  withdrawn: "selfMatch.done.withdrawn",
};

/** Renders the participant's program page (with a problem or a decline form to show again, when given). */
async function renderMyProgram(
  c: Context<AppEnv>,
  a: Access,
  extra: { notice?: string; problem?: string; decline?: DeclineDraft } = {},
) {
  const user = c.var.user!;
  const { program, now } = a;
  const selfMatch = selfMatches(program);
  const asMentee = selfMatch && a.roles.includes("mentee");
  const asMentor = selfMatch && a.roles.includes("mentor");
  await expireOverdue(c.env, program.id, user.id, now);
  const [pairings, sent, received] = await Promise.all([
    ownPairings(c.env, program.id, user.id),
    asMentee ? menteeRequests(c.env, program.id, user.id) : Promise.resolve([]),
    asMentor
      ? mentorRequests(c.env, program.id, user.id, now)
      : Promise.resolve({ open: [], openTotal: 0, closed: [] }),
  ]);
  const standing = selfMatch
    ? await participantStanding(
        c.env,
        program.id,
        a.settings,
        user.id,
        received.open.map((r) => r.menteeId),
        now,
      )
    : undefined;
  const pending = sent.filter((r) => effectiveStatus(r, now) === "pending").map((r) => r.mentorId);
  const open: IncomingRequest[] = received.open.map((r) => ({ ...r, reasons: standing!.reasonsFor(r.menteeId) }));
  const page = (
    <MyProgramPage
      csrf={c.var.csrf}
      program={program}
      timeZone={a.timeZone}
      now={now}
      notice={extra.notice}
      problem={extra.problem}
      pairings={pairings}
      selfMatch={selfMatch}
      expiryDays={a.settings.requestExpiryDays}
      mentee={
        asMentee
          ? {
              wantsLeft: standing!.wantsLeft,
              requestsLeft: requestsLeft({
                wantsLeft: standing!.wantsLeft,
                pendingMentorIds: pending,
                declinedMentorIds: [],
              }),
              requests: sent,
            }
          : undefined
      }
      mentor={
        asMentor
          ? {
              freePlaces: standing!.freePlaces,
              open,
              openTotal: received.openTotal,
              closed: received.closed,
              decline: extra.decline,
            }
          : undefined
      }
    />
  );
  return c.render(page, { title: program.name });
}

selfMatchRoutes.get("/programs/:programId/me", requireUser, async (c) => {
  const a = await access(c);
  if (a instanceof Response) return a;
  if (!isParticipant(a))
    return a.roles.includes("coordinator") ? c.redirect(`/programs/${a.program.id}`) : forbidden(c, NOT_PARTICIPANT);
  return renderMyProgram(c, a, { notice: DONE[c.req.query("done") ?? ""] });
});

/** Renders the mentors page; a draft is shown on the page where its mentor is listed. */
async function renderMentors(c: Context<AppEnv>, a: Access, requestedPage: number, draft?: RequestDraft) {
  const choices = await mentorChoices(c.env, a.program.id, a.settings, c.var.user!.id, a.now);
  const draftRank = draft ? choices.ranked.findIndex((r) => r.mentor.id === draft.mentorId) : -1;
  const wanted = draftRank >= 0 ? Math.floor(draftRank / MENTORS_PER_PAGE) + 1 : requestedPage;
  const { items, page, pages } = pageOf(choices.ranked, wanted);
  const pending = new Set(choices.state.pendingMentorIds);
  const mentors = items.map((r) => ({
    id: r.mentor.id,
    name: displayName(r.mentor.name, r.mentor.email),
    timeZone: r.mentor.timeZone,
    expertise: r.mentor.expertise,
    score: r.score,
    reasons: r.reasons,
    requested: pending.has(r.mentor.id),
  }));
  const view = (
    <MentorsPage
      csrf={c.var.csrf}
      program={a.program}
      mentors={mentors}
      page={page}
      pages={pages}
      total={choices.ranked.length}
      firstRank={(page - 1) * MENTORS_PER_PAGE + 1}
      wantsLeft={choices.state.wantsLeft}
      requestsLeft={requestsLeft(choices.state)}
      draft={draft}
    />
  );
  return c.render(view, { title: c.var.t("selfMatch.title") });
}

/** Lets only the mentees of a self-match program through to the mentors page and the request form. */
async function menteeAccess(c: Context<AppEnv>): Promise<Access | Response> {
  const a = await access(c);
  if (a instanceof Response) return a;
  if (!a.roles.includes("mentee")) return forbidden(c, ONLY_MENTEES);
  if (!selfMatches(a.program)) return forbidden(c, notSelfMatchText(a.program));
  return a;
}

selfMatchRoutes.get("/programs/:programId/mentors", requireUser, async (c) => {
  const a = await menteeAccess(c);
  if (a instanceof Response) return a;
  return renderMentors(c, a, pageNumber(c.req.query("page")));
});

selfMatchRoutes.post("/programs/:programId/requests", requireUser, async (c) => {
  const a = await menteeAccess(c);
  if (a instanceof Response) return a;
  const typed = typedValues(await readForm(c));
  const page = pageNumber(typed.page);
  const draft = (error: string, status: 409 | 422) => {
    c.status(status);
    return renderMentors(c, a, page, { mentorId: typed.mentor_id ?? "", message: typed.message ?? "", error });
  };
  const parsed = requestFormSchema.safeParse(typed);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return draft(errors.mentor_id ?? errors.message ?? msg("selfMatch.error.form"), 422);
  }
  const { mentor_id: mentorId, message } = parsed.data;
  const user = c.var.user!;
  const choices = await mentorChoices(c.env, a.program.id, a.settings, user.id, a.now);
  const refusal = requestRefusal(choices.state, mentorId);
  if (refusal) return draft(refusal, 409);
  const choice = choices.ranked.find((r) => r.mentor.id === mentorId);
  if (!choice) return draft(msg("selfMatch.error.cannotAsk"), 422);
  const expires = expiresAt(a.now, a.settings.requestExpiryDays);
  const mentor = choice.mentor;
  // The mail speaks the mentor's language, with the time in their zone.
  const mentorLocale = mailLocale(await languageOf(c.env, mentor.id));
  const mail = requestMail(
    {
      to: mentor.email,
      mentee: displayName(user.name, user.email),
      programName: a.program.name,
      message,
      openUntil: formatInstant(
        expires,
        isKnownTimeZone(mentor.timeZone) ? mentor.timeZone : "UTC",
        intlTag(mentorLocale),
      ),
      link: `${publicOrigin(c.env, c.req.url)}/programs/${a.program.id}/me`,
    },
    translator(mentorLocale),
  );
  const request = {
    programId: a.program.id,
    menteeId: user.id,
    mentorId,
    message,
    score: choice.score,
    openLimit: choices.state.wantsLeft,
    now: a.now,
    expiresAt: expires,
  };
  if (!(await createRequest(c.env, request, mail))) {
    const now = await mentorChoices(c.env, a.program.id, a.settings, user.id, a.now);
    return draft(requestRefusal(now.state, mentorId) ?? msg("selfMatch.error.notSent"), 409);
  }
  return redirectAfterPost(c, `/programs/${a.program.id}/me?done=requested`);
});

/**
 * Loads the request in `:requestId` for the person it belongs to in `role`; 404 when unknown here, 403 for anyone else.
 */
async function requestAccess(
  c: Context<AppEnv>,
  role: "mentor" | "mentee",
): Promise<{ a: Access; request: MatchRequest } | Response> {
  const a = await access(c);
  if (a instanceof Response) return a;
  if (!isParticipant(a)) return forbidden(c, NOT_PARTICIPANT);
  const request = await findRequest(c.env, a.program.id, c.req.param("requestId") ?? "");
  if (!request) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  const owner = role === "mentor" ? request.mentorId : request.menteeId;
  if (owner !== c.var.user!.id) {
    return forbidden(c, role === "mentor" ? "selfMatch.forbidden.onlyMentor" : "selfMatch.forbidden.onlyMentee");
  }
  return { a, request };
}

/** Shows why a decision did not happen, on the participant's page, as a 409. */
function conflict(c: Context<AppEnv>, a: Access, result: Extract<Decision, { ok: false }>) {
  c.status(409);
  return renderMyProgram(c, a, { problem: decisionProblemText(result.problem, result.status) });
}

selfMatchRoutes.post("/programs/:programId/requests/:requestId/accept", requireUser, async (c) => {
  const found = await requestAccess(c, "mentor");
  if (found instanceof Response) return found;
  const { a, request } = found;
  const { mentor, mentee } = await requestParties(c.env, request);
  const link = `${publicOrigin(c.env, c.req.url)}/programs/${a.program.id}/me`;
  const mail = acceptedMail(
    { to: mentee.email, mentor: displayName(mentor.name, mentor.email), programName: a.program.name, link },
    translator(mailLocale(await languageOf(c.env, mentee.id))),
  );
  const result = await acceptRequest(c.env, request, a.settings.maxMentorsPerMentee, a.now, mail);
  if (!result.ok) return conflict(c, a, result);
  return redirectAfterPost(c, `/programs/${a.program.id}/me?done=accepted`);
});

selfMatchRoutes.post("/programs/:programId/requests/:requestId/decline", requireUser, async (c) => {
  const found = await requestAccess(c, "mentor");
  if (found instanceof Response) return found;
  const { a, request } = found;
  const typed = typedValues(await readForm(c));
  const parsed = declineFormSchema.safeParse(typed);
  if (!parsed.success) {
    c.status(422);
    const error = fieldErrors(parsed.error).reason ?? msg("selfMatch.error.reason");
    return renderMyProgram(c, a, { decline: { requestId: request.id, reason: typed.reason ?? "", error } });
  }
  const reason = parsed.data.reason;
  const { mentor, mentee } = await requestParties(c.env, request);
  const link = `${publicOrigin(c.env, c.req.url)}/programs/${a.program.id}/mentors`;
  const mail = declinedMail(
    { to: mentee.email, mentor: displayName(mentor.name, mentor.email), programName: a.program.name, reason, link },
    translator(mailLocale(await languageOf(c.env, mentee.id))),
  );
  const result = await declineRequest(c.env, request, reason, a.now, mail);
  if (!result.ok) return conflict(c, a, result);
  return redirectAfterPost(c, `/programs/${a.program.id}/me?done=declined`);
});

selfMatchRoutes.post("/programs/:programId/requests/:requestId/withdraw", requireUser, async (c) => {
  const found = await requestAccess(c, "mentee");
  if (found instanceof Response) return found;
  const { a, request } = found;
  const result = await withdrawRequest(c.env, request, a.now);
  if (!result.ok) return conflict(c, a, result);
  return redirectAfterPost(c, `/programs/${a.program.id}/me?done=withdrawn`);
});
