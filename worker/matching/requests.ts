/**
 * Self-match requests in D1: a mentee asks a mentor, the mentor accepts or declines, the mentee may withdraw, and a
 * request nobody answered in time expires (marked lazily whenever the people involved look or act; no cron). Every
 * change is one guarded statement or one batch, so double clicks and racing answers cannot write half a decision or
 * overfill a mentor.
 */
import { and, asc, count, desc, eq, exists, gt, inArray, lte, ne, or, sql } from "drizzle-orm";
import { db } from "../db/client";
import { matchRequests, pairings, people } from "../db/schema";
import { d1Statement } from "../db/statement";
import type { DecisionProblem, RequestStatus } from "../domain/matching/self-match";
import { newId } from "../domain/random-secrets";
import { deliverQueued, type MailInput, queueMail } from "../mail/mail-outbox";
import { loadPool } from "./candidates";
import { startJourneys } from "../journey/start";
import { pairingExists, pairingStatements } from "./pairings";
import type { MatchRequest, RequestWithPerson } from "../domain/matching/requests";

/** The outcome of accepting, declining or withdrawing. */
export type Decision = { ok: true } | { ok: false; problem: DecisionProblem; status: RequestStatus };

/** Marks the pending requests this person sent or received in this program that ran out before `now` as expired. */
export async function expireOverdue(env: Env, programId: string, personId: string, now: number): Promise<void> {
  await db(env)
    .update(matchRequests)
    .set({ status: "expired", decidedAt: sql`${matchRequests.expiresAt}` })
    .where(
      and(
        eq(matchRequests.programId, programId),
        or(eq(matchRequests.menteeId, personId), eq(matchRequests.mentorId, personId)),
        eq(matchRequests.status, "pending"),
        lte(matchRequests.expiresAt, now),
      ),
    );
}

/** Returns a request of this program by id, or null. */
export async function findRequest(env: Env, programId: string, requestId: string): Promise<MatchRequest | null> {
  const rows = await db(env)
    .select()
    .from(matchRequests)
    .where(and(eq(matchRequests.id, requestId), eq(matchRequests.programId, programId)))
    .limit(1);
  return rows[0] ?? null;
}

/** The mentors a mentee has open (pending, unexpired) requests with, and those who declined them, in this program. */
export async function menteeAsks(
  env: Env,
  programId: string,
  menteeId: string,
  now: number,
): Promise<{ pending: string[]; declined: string[] }> {
  const rows = await db(env)
    .select({ mentorId: matchRequests.mentorId, status: matchRequests.status })
    .from(matchRequests)
    .where(
      and(
        eq(matchRequests.programId, programId),
        eq(matchRequests.menteeId, menteeId),
        or(
          eq(matchRequests.status, "declined"),
          and(eq(matchRequests.status, "pending"), gt(matchRequests.expiresAt, now)),
        ),
      ),
    );
  return {
    pending: rows.filter((r) => r.status === "pending").map((r) => r.mentorId),
    declined: rows.filter((r) => r.status === "declined").map((r) => r.mentorId),
  };
}

/** A request to store. */
export interface NewRequest {
  programId: string;
  menteeId: string;
  mentorId: string;
  message: string;
  score: number;
  /** How many open requests the mentee may have at once (their remaining wants). */
  openLimit: number;
  now: number;
  expiresAt: number;
}

/**
 * Raw SQL: INSERT … SELECT guarded in the same statement (no open or declined request for the pair, the mentee below
 * their limit), which the builder cannot express; it also shares a D1 batch with the mail outbox's raw statements.
 */
const INSERT_REQUEST = `
INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, message, status, reason, score, created_at, expires_at)
SELECT ?1, ?2, ?3, ?4, ?5, 'pending', '', ?6, ?7, ?8
WHERE NOT EXISTS (SELECT 1 FROM match_requests WHERE program_id = ?2 AND mentee_id = ?3 AND mentor_id = ?4
                    AND (status = 'declined' OR (status = 'pending' AND expires_at > ?7)))
  AND (SELECT count(*) FROM match_requests WHERE program_id = ?2 AND mentee_id = ?3 AND status = 'pending' AND expires_at > ?7) < ?9`;

/**
 * Stores a request, with the mail to the mentor (when given) in the same transaction, unless the mentee already has one
 * open with this mentor, was declined by them, or is at their limit; returns its id, or null when nothing was stored.
 */
export async function createRequest(env: Env, r: NewRequest, mail?: MailInput): Promise<string | null> {
  const id = newId();
  const queued = queueMail(env, mail ? [mail] : [], r.now, {
    sql: "EXISTS (SELECT 1 FROM match_requests WHERE id = ?10)",
    params: [id],
  });
  const [insert] = await env.DB.batch([
    env.DB.prepare(INSERT_REQUEST).bind(
      id,
      r.programId,
      r.menteeId,
      r.mentorId,
      r.message,
      r.score,
      r.now,
      r.expiresAt,
      r.openLimit,
    ),
    ...queued.statements,
  ]);
  if (insert!.meta.changes !== 1) return null;
  await deliverQueued(env, queued);
  return id;
}

const withMentor = { request: matchRequests, otherName: people.name, otherEmail: people.email };

/** A mentee's requests in a program, open ones first, then the newest (at most 30). */
export async function menteeRequests(env: Env, programId: string, menteeId: string): Promise<RequestWithPerson[]> {
  const rows = await db(env)
    .select(withMentor)
    .from(matchRequests)
    .innerJoin(people, eq(people.id, matchRequests.mentorId))
    .where(and(eq(matchRequests.programId, programId), eq(matchRequests.menteeId, menteeId)))
    .orderBy(desc(eq(matchRequests.status, "pending")), desc(matchRequests.createdAt))
    .limit(30);
  return rows.map((r) => ({ ...r.request, otherName: r.otherName, otherEmail: r.otherEmail }));
}

/** Open requests a mentor sees on their page at once. */
export const OPEN_SHOWN = 10;

/**
 * A mentor's open requests in a program: the 10 soonest to expire, how many are open in all, and the 10 most recently
 * closed.
 */
export async function mentorRequests(
  env: Env,
  programId: string,
  mentorId: string,
  now: number,
): Promise<{ open: RequestWithPerson[]; openTotal: number; closed: RequestWithPerson[] }> {
  const d = db(env);
  const base = () => d.select(withMentor).from(matchRequests).innerJoin(people, eq(people.id, matchRequests.menteeId));
  const mine = and(eq(matchRequests.programId, programId), eq(matchRequests.mentorId, mentorId));
  const isOpen = and(mine, eq(matchRequests.status, "pending"), gt(matchRequests.expiresAt, now));
  const [open, total, closed] = await Promise.all([
    base().where(isOpen).orderBy(asc(matchRequests.expiresAt)).limit(OPEN_SHOWN),
    d.select({ n: count() }).from(matchRequests).where(isOpen),
    base()
      .where(and(mine, or(ne(matchRequests.status, "pending"), lte(matchRequests.expiresAt, now))))
      .orderBy(desc(matchRequests.decidedAt))
      .limit(10),
  ]);
  const flat = (rows: typeof open) =>
    rows.map((r) => ({ ...r.request, otherName: r.otherName, otherEmail: r.otherEmail }));
  return { open: flat(open), openTotal: total[0]?.n ?? 0, closed: flat(closed) };
}

/**
 * The mentors a mentee has here: pairings of this program that have not ended in which they are the mentee (or a peer).
 */
const MENTORS_HERE = (
  person: string,
) => `(SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id AND pr.ended_at IS NULL
  WHERE me.person_id = ${person} AND me.program_id = ?2 AND me.role IN ('mentee', 'peer'))`;

/**
 * How many mentors the mentee may have here: their wish capped by the program's limit (NULL when not an active mentee).
 */
const MENTEE_LIMIT = (person: string, max: string) =>
  `(SELECT min(max(1, wants), ${max}) FROM memberships WHERE program_id = ?2 AND person_id = ${person} AND role = 'mentee' AND status = 'active')`;

/**
 * The extra guard on the pairing insert (?2 program, ?4 now, ?5 mentor; ?7 request, ?8 mentee, ?9 program's mentor
 * limit): the request is still pending and unexpired, the mentor is still an active mentor here, the mentee is below
 * their limit, the two are not paired already and nobody ruled the pair out.
 */
const ACCEPT_GUARD = `
EXISTS (SELECT 1 FROM match_requests WHERE id = ?7 AND program_id = ?2 AND mentor_id = ?5 AND mentee_id = ?8 AND status = 'pending' AND expires_at > ?4)
AND EXISTS (SELECT 1 FROM memberships WHERE program_id = ?2 AND person_id = ?5 AND role = 'mentor' AND status = 'active')
AND ${MENTORS_HERE("?8")} < ${MENTEE_LIMIT("?8", "?9")}
AND NOT EXISTS (SELECT 1 FROM pairing_members a JOIN pairing_members b ON b.pairing_id = a.pairing_id AND b.person_id = ?8
                JOIN pairings pr ON pr.id = a.pairing_id AND pr.ended_at IS NULL WHERE a.person_id = ?5 AND a.program_id = ?2)
AND NOT EXISTS (SELECT 1 FROM match_avoids WHERE program_id = ?2 AND ((person_id = ?5 AND avoid_id = ?8) OR (person_id = ?8 AND avoid_id = ?5)))`;

/** Marks the request accepted with its pairing, only if the pairing was created (its guard held). */
function markAccepted(env: Env, requestId: string, pairingId: string, now: number) {
  const d = db(env);
  return d
    .update(matchRequests)
    .set({ status: "accepted", decidedAt: now, pairingId })
    .where(
      and(
        eq(matchRequests.id, requestId),
        exists(d.select({ x: sql`1` }).from(pairings).where(eq(pairings.id, pairingId))),
      ),
    );
}

/** The reason written on a mentee's other open requests once they have all the mentors they may have. */
export const CLOSED_WHEN_MATCHED = "Closed for you: the mentee now has all the mentors the program allows.";

/**
 * Closes the mentee's other open requests once this acceptance brought them to their limit (?1 now, ?2 program, ?3
 * mentee, ?4 pairing, ?5 limit, ?6 reason). Raw SQL: it compares correlated counts (the mentee's mentors here against
 * their limit) in the WHERE of one guarded UPDATE, which the builder cannot express.
 */
const CLOSE_OTHERS = `
UPDATE match_requests SET status = 'withdrawn', decided_at = ?1, reason = ?6
WHERE program_id = ?2 AND mentee_id = ?3 AND status = 'pending' AND EXISTS (SELECT 1 FROM pairings WHERE id = ?4)
  AND ${MENTORS_HERE("?3")} >= ${MENTEE_LIMIT("?3", "?5")}`;

/**
 * Accepts a pending request in one batch: the pairing (with its members) is created only if the mentor still has a free
 * place and the guard above holds at that moment; the request is marked accepted and `mail` written only if it was.
 * Of two acceptances racing for a mentor's last place exactly one gets it; the other learns why not.
 */
export async function acceptRequest(
  env: Env,
  request: MatchRequest,
  maxMentorsPerMentee: number,
  now: number,
  mail: MailInput,
): Promise<Decision> {
  const pairingId = newId();
  const members = [
    { personId: request.mentorId, role: "mentor" as const },
    { personId: request.menteeId, role: "mentee" as const },
  ];
  const guard = { sql: ACCEPT_GUARD, params: [request.id, request.menteeId, maxMentorsPerMentee] };
  const queued = queueMail(env, [mail], now, {
    sql: "EXISTS (SELECT 1 FROM pairings WHERE id = ?10)",
    params: [pairingId],
  });
  await env.DB.batch([
    ...pairingStatements(
      env,
      { id: pairingId, programId: request.programId, source: "self-match", members, now },
      guard,
    ),
    d1Statement(env, markAccepted(env, request.id, pairingId, now)),
    env.DB.prepare(CLOSE_OTHERS).bind(
      now,
      request.programId,
      request.menteeId,
      pairingId,
      maxMentorsPerMentee,
      CLOSED_WHEN_MATCHED,
    ),
    ...queued.statements,
  ]);
  if (await pairingExists(env, pairingId)) {
    await deliverQueued(env, queued);
    await startJourneys(env, [pairingId]);
    return { ok: true };
  }
  return whyNotAccepted(env, request, maxMentorsPerMentee, now);
}

/** Explains a refused acceptance from the state as it is now. */
async function whyNotAccepted(
  env: Env,
  request: MatchRequest,
  maxMentorsPerMentee: number,
  now: number,
): Promise<Decision> {
  const closed = await closedState(env, request, now);
  if (closed) return closed;
  const pool = await loadPool(env, request.programId, maxMentorsPerMentee, {
    mentors: [request.mentorId],
    mentees: [request.menteeId],
  });
  const mentor = pool.mentors[0];
  const mentee = pool.mentees[0];
  const no = (problem: DecisionProblem): Decision => ({ ok: false, problem, status: "pending" });
  if (!mentor) return no("mentor-left");
  if (!mentee) return no("mentee-left");
  if (mentor.avoid.includes(mentee.id) || mentee.avoid.includes(mentor.id)) return no("already-paired");
  if (mentee.wants !== undefined && mentee.wants <= 0) return no("mentee-full");
  if (mentor.capacity <= 0) return no("mentor-full");
  return no("changed");
}

/**
 * When the request is no longer pending (or has just run out, which is then recorded), the matching refusal; else null.
 */
async function closedState(env: Env, request: MatchRequest, now: number): Promise<Decision | null> {
  const current = await findRequest(env, request.programId, request.id);
  if (!current) return { ok: false, problem: "closed", status: "withdrawn" };
  if (current.status === "expired" || (current.status === "pending" && current.expiresAt <= now)) {
    await expireOverdue(env, request.programId, request.menteeId, now);
    return { ok: false, problem: "expired", status: "expired" };
  }
  if (current.status !== "pending") return { ok: false, problem: "closed", status: current.status };
  return null;
}

/**
 * Closes a pending, unexpired request as `status` (declined with an optional reason, or withdrawn) with its mails in
 * one batch, or explains why not.
 */
async function closeRequest(
  env: Env,
  request: MatchRequest,
  status: "declined" | "withdrawn",
  reason: string,
  now: number,
  mails: MailInput[],
): Promise<Decision> {
  const queued = queueMail(env, mails, now, {
    sql: "EXISTS (SELECT 1 FROM match_requests WHERE id = ?10 AND status = ?11 AND decided_at = ?12)",
    params: [request.id, status, now],
  });
  const close = db(env)
    .update(matchRequests)
    .set({ status, reason, decidedAt: now })
    .where(
      and(eq(matchRequests.id, request.id), eq(matchRequests.status, "pending"), gt(matchRequests.expiresAt, now)),
    );
  const [update] = await env.DB.batch([d1Statement(env, close), ...queued.statements]);
  if (update!.meta.changes === 1) {
    await deliverQueued(env, queued);
    return { ok: true };
  }
  return (await closedState(env, request, now)) ?? { ok: false, problem: "closed", status };
}

/**
 * The mentor declines a request, optionally saying why; `mail` tells the mentee and is written only if the decline is.
 */
export function declineRequest(
  env: Env,
  request: MatchRequest,
  reason: string,
  now: number,
  mail: MailInput,
): Promise<Decision> {
  return closeRequest(env, request, "declined", reason, now, [mail]);
}

/** The mentee withdraws their request. */
export function withdrawRequest(env: Env, request: MatchRequest, now: number): Promise<Decision> {
  return closeRequest(env, request, "withdrawn", "", now, []);
}

/** Name, address and time zone of the people on a request. */
export async function requestParties(env: Env, request: MatchRequest) {
  const rows = await db(env)
    .select({ id: people.id, name: people.name, email: people.email, timeZone: people.timeZone })
    .from(people)
    .where(inArray(people.id, [request.mentorId, request.menteeId]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { mentor: byId.get(request.mentorId)!, mentee: byId.get(request.menteeId)! };
}
