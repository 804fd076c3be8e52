/** D1 reads and writes for programs and their participants. */
import { and, asc, count, countDistinct, eq, inArray, isNull } from "drizzle-orm";
import { type Db, db } from "../db/client";
import { memberships, people, programs } from "../db/schema";
import type { MilestoneTemplate } from "../domain/journey/template";
import { type MatchSettings, settingsOf } from "../domain/matching/settings";
import { type AuditAction, settingChanges } from "../domain/audit";
import { auditInsert } from "../audit/audit-log";
import type { ProgramInput } from "../domain/program";
import type { Program } from "../domain/records";
import { PARTICIPANTS_PER_PAGE } from "../domain/paging";
import { newId } from "../domain/random-secrets";

const columns = (input: ProgramInput) => ({
  name: input.name,
  description: input.description,
  type: input.type,
  lengthWeeks: input.length_weeks,
  cadenceDays: input.cadence_days,
  matchingMode: input.matching_mode,
  language: input.language ?? null,
  ...(input.sso_provider === undefined ? {} : { ssoProvider: input.sso_provider || null }),
});

/** Creates a program with its creator as active coordinator, in one batch; returns the id. */
export async function createProgram(
  env: Env,
  input: ProgramInput,
  creatorId: string,
  now = Date.now(),
): Promise<string> {
  const id = newId();
  const d = db(env);
  await d.batch([
    d.insert(programs).values({ id, ...columns(input), createdBy: creatorId, createdAt: now, updatedAt: now }),
    d
      .insert(memberships)
      .values({ programId: id, personId: creatorId, role: "coordinator", status: "active", createdAt: now }),
    auditInsert(d, { programId: id, actorId: creatorId, action: "program.create", at: now }),
  ]);
  return id;
}

/** Saves an edited program, logging what changed (nothing is logged when nothing changed). */
export async function updateProgram(
  env: Env,
  id: string,
  input: ProgramInput,
  actorId: string,
  now = Date.now(),
): Promise<void> {
  const d = db(env);
  const [before] = await d.select().from(programs).where(eq(programs.id, id));
  const after = columns(input);
  const changes = before ? settingChanges(before, after, Object.keys(after)) : {};
  await saveLogged(d, id, { ...after, updatedAt: now }, { actorId, action: "program.settings", changes, at: now });
}

/** Saves a program's matching settings (weights, rules, questions), logging what changed. */
export async function saveMatchSettings(
  env: Env,
  id: string,
  settings: MatchSettings,
  actorId: string,
  now = Date.now(),
): Promise<void> {
  const d = db(env);
  const [before] = await d.select({ matchSettings: programs.matchSettings }).from(programs).where(eq(programs.id, id));
  const old: Record<string, unknown> = { ...settingsOf(before?.matchSettings ?? null) };
  const changes = settingChanges(old, { ...settings }, Object.keys(settings));
  await saveLogged(
    d,
    id,
    { matchSettings: settings, updatedAt: now },
    { actorId, action: "matching.settings", changes, at: now },
  );
}

/** Updates a program's row, and in the same batch logs `changes` as `action` when there are any. */
async function saveLogged(
  d: Db,
  id: string,
  set: Partial<typeof programs.$inferInsert>,
  log: { actorId: string; action: AuditAction; changes: Record<string, unknown>; at: number },
): Promise<void> {
  const update = d.update(programs).set(set).where(eq(programs.id, id));
  if (Object.keys(log.changes).length === 0) await update;
  else
    await d.batch([
      update,
      auditInsert(d, {
        programId: id,
        actorId: log.actorId,
        action: log.action,
        detail: { changes: log.changes },
        at: log.at,
      }),
    ]);
}

/**
 * Stores a program's milestone template (as JSON text): the update, to run inside the batch that also logs the change.
 */
export function templateUpdate(d: Db, id: string, template: MilestoneTemplate, now: number) {
  return d
    .update(programs)
    .set({ milestoneTemplate: JSON.stringify(template), updatedAt: now })
    .where(eq(programs.id, id));
}

/** Returns a program by id, or null. */
export async function getProgram(env: Env, id: string): Promise<Program | null> {
  return (await db(env).select().from(programs).where(eq(programs.id, id)).limit(1))[0] ?? null;
}

/** Lists the programs a person coordinates. */
export async function coordinatedPrograms(env: Env, personId: string): Promise<Program[]> {
  const rows = await db(env)
    .select({ program: programs })
    .from(memberships)
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where(
      and(eq(memberships.personId, personId), eq(memberships.role, "coordinator"), eq(memberships.status, "active")),
    )
    .orderBy(asc(programs.name));
  return rows.map((r) => r.program);
}

/** Active mentors and mentees in a program, each person once. */
export async function participantCount(env: Env, programId: string): Promise<number> {
  const rows = await db(env)
    .select({ n: countDistinct(memberships.personId) })
    .from(memberships)
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["mentee", "mentor"]),
      ),
    );
  return rows[0]?.n ?? 0;
}

/** One page of a program's participants, sorted by role then email, and the total count. */
export async function participantsPage(env: Env, programId: string, page: number) {
  const d = db(env);
  const [rows, total] = await Promise.all([
    d
      .select({
        name: people.name,
        email: people.email,
        role: memberships.role,
        status: memberships.status,
        invitedAt: memberships.invitedAt,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(memberships.programId, programId))
      .orderBy(asc(memberships.role), asc(people.email))
      .limit(PARTICIPANTS_PER_PAGE)
      .offset((page - 1) * PARTICIPANTS_PER_PAGE),
    d.select({ n: count() }).from(memberships).where(eq(memberships.programId, programId)),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** The names of a program's active coordinators (their email when they gave no name), by name. */
export async function coordinatorNames(env: Env, programId: string): Promise<string[]> {
  return (await programCoordinators(env, programId)).map((c) => c.name);
}

/** A program's active coordinators, by name: their ids and names (their email when they gave no name). */
export async function programCoordinators(env: Env, programId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db(env)
    .select({ id: people.id, name: people.name, email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.role, "coordinator"),
        eq(memberships.status, "active"),
        isNull(people.deletedAt),
      ),
    )
    .orderBy(asc(people.name));
  return rows.map((r) => ({ id: r.id, name: r.name || r.email }));
}

/** How many memberships of a program have each role and status (for the program's home). */
export async function membershipCounts(
  env: Env,
  programId: string,
): Promise<{ role: string; status: string; n: number }[]> {
  return db(env)
    .select({ role: memberships.role, status: memberships.status, n: count() })
    .from(memberships)
    .where(eq(memberships.programId, programId))
    .groupBy(memberships.role, memberships.status);
}
