/** Emailing a program's participants: who an audience is, and sending once per recipient per confirmation. */
import { and, asc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log";
import { db } from "../db/client";
import { memberships, pairingMembers, pairings, people } from "../db/schema";
import type { ProgramMessage } from "../domain/coordinator/audience";
import { notify } from "../mail/notify";
import { KEY_REUSED, keyState } from "./confirm-key";

/** A recipient as the confirmation shows them. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
}

const participantRoles = ["mentor", "mentee"] as const;

/** Active, not deleted members of the program whose membership matches `where`, each person once, ordered by name. */
function activeMembers(env: Env, programId: string, where: SQL | undefined) {
  return db(env)
    .selectDistinct({ id: people.id, name: people.name, email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.programId, programId), eq(memberships.status, "active"), isNull(people.deletedAt), where))
    .orderBy(asc(people.name), asc(people.id));
}

/** People in a pairing of the program that matches `where`. */
function inPairings(env: Env, programId: string, where: SQL | undefined): SQL {
  return inArray(
    people.id,
    db(env)
      .select({ id: pairingMembers.personId })
      .from(pairingMembers)
      .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
      .where(and(eq(pairings.programId, programId), where)),
  );
}

/** The people an audience reaches (active participants only, never coordinators unless they also take part), ordered by name. */
export async function recipientsOf(
  env: Env,
  programId: string,
  m: Pick<ProgramMessage, "audience" | "stage" | "emails">,
): Promise<Recipient[]> {
  const participant = inArray(memberships.role, participantRoles);
  const where: Record<ProgramMessage["audience"], () => SQL | undefined> = {
    all: () => participant,
    mentors: () => eq(memberships.role, "mentor"),
    mentees: () => eq(memberships.role, "mentee"),
    "at-risk": () =>
      and(participant, inPairings(env, programId, and(isNotNull(pairings.riskReason), isNull(pairings.endedAt)))),
    stage: () => and(participant, inPairings(env, programId, eq(pairings.stage, m.stage ?? ""))),
    // Raw SQL fragment: up to CHOSEN_MAX (2000) addresses travel as one JSON parameter through json_each, past D1's 100
    // bound parameters, which inArray would need one each for.
    chosen: () =>
      and(participant, sql`lower(${people.email}) IN (SELECT value FROM json_each(${JSON.stringify(m.emails)}))`),
  };
  return activeMembers(env, programId, where[m.audience]());
}

/** Active participants whose name or address contains the search text (at most 30), ordered by name. */
export async function searchParticipants(env: Env, programId: string, q: string): Promise<Recipient[]> {
  if (!q.trim()) return [];
  const like = `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  // drizzle's like() has no ESCAPE clause, hence the two fragments.
  return activeMembers(
    env,
    programId,
    and(
      inArray(memberships.role, participantRoles),
      or(sql`lower(${people.name}) LIKE ${like} ESCAPE '\\'`, sql`lower(${people.email}) LIKE ${like} ESCAPE '\\'`),
    ),
  ).limit(30);
}

/** The chosen addresses that are not active participants of the program. */
export function unknownAddresses(emails: string[], found: Recipient[]): string[] {
  const known = new Set(found.map((r) => r.email.toLowerCase()));
  return emails.filter((e) => !known.has(e));
}

/** Mails each recipient through `notify` (their preferences apply; id fixed per key and person), then logs it once. */
export async function sendProgramMessage(
  env: Env,
  send: {
    programId: string;
    programName: string;
    message: ProgramMessage;
    recipients: Recipient[];
    key: string;
    actorId: string;
    origin: string;
  },
): Promise<{ ok: true; repeated: boolean } | { ok: false; error: string }> {
  const state = await keyState(env, send.key, "program.message", send.actorId);
  if (state === "done") return { ok: true, repeated: true };
  if (state === "other") return { ok: false, error: KEY_REUSED };
  for (const r of send.recipients) {
    await notify(env, {
      id: `program-message:${send.key}:${r.id}`,
      personId: r.id,
      category: "program",
      kind: "program-message",
      subject: send.message.subject,
      text: `${send.message.body}\n\n(From the coordinators of ${send.programName}.)`,
      origin: send.origin,
    });
  }
  const { audience, stage, subject } = send.message;
  await recordAudit(env, {
    id: send.key,
    programId: send.programId,
    actorId: send.actorId,
    action: "program.message",
    detail: { audience, ...(stage ? { stage } : {}), count: send.recipients.length, subject },
  });
  return { ok: true, repeated: false };
}
