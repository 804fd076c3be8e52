/**
 * A program's participants as SCIM sees them (table `scim_users`, with `memberships` and `people` read): everyone who
 * takes part as a mentor or mentee (active), and everyone provisioned over SCIM whose membership was ended (inactive).
 * Joining, leaving and renaming go through the JSON API's participant functions, so SCIM and the API change people
 * the same way.
 */
import { and, eq } from "drizzle-orm";
import { db } from "../db/client";
import { scimUsers } from "../db/schema";
import type { ScimFilter, ScimProblem, ScimRole, ScimUserInput, ScimUserRow } from "../domain/scim/users";
import { addApiParticipant, deactivateApiParticipant, renameApiParticipant } from "../programs/api-participants";

type Row = {
  id: string;
  email: string;
  name: string;
  updated_at: number;
  member_role: ScimRole | null;
  joined_at: number | null;
  scim_role: ScimRole | null;
  external_id: string | null;
  scim_created: number | null;
  scim_updated: number | null;
};

// The program's SCIM users: its mentor and mentee memberships and its scim_users rows (both reached by program id
// through their primary keys), each person once, deleted people left out. ?2/?3 filter; ?4/?5 page.
const USERS_SQL = `WITH ids AS (
    SELECT person_id FROM memberships WHERE program_id = ?1 AND role IN ('mentor', 'mentee')
    UNION SELECT person_id FROM scim_users WHERE program_id = ?1
  )
  SELECT pe.id, pe.email, pe.name, pe.updated_at,
    (SELECT m.role FROM memberships m WHERE m.program_id = ?1 AND m.person_id = pe.id AND m.role IN ('mentor', 'mentee')
      ORDER BY m.role LIMIT 1) AS member_role,
    (SELECT min(m.created_at) FROM memberships m WHERE m.program_id = ?1 AND m.person_id = pe.id) AS joined_at,
    s.role AS scim_role, s.external_id, s.created_at AS scim_created, s.updated_at AS scim_updated
  FROM ids JOIN people pe ON pe.id = ids.person_id
  LEFT JOIN scim_users s ON s.program_id = ?1 AND s.person_id = pe.id
  WHERE pe.deleted_at IS NULL
    AND (?2 IS NULL OR (?2 = 'userName' AND pe.email = ?3) OR (?2 = 'externalId' AND s.external_id = ?3)
      OR (?2 = 'id' AND pe.id = ?3))`;

/** A row as the SCIM User it is. */
function userOf(r: Row): ScimUserRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.member_role ?? r.scim_role ?? "mentee",
    active: r.member_role !== null,
    externalId: r.external_id,
    createdAt: r.scim_created ?? r.joined_at ?? r.updated_at,
    updatedAt: Math.max(r.updated_at, r.scim_updated ?? 0, r.joined_at ?? 0),
  };
}

/** One page of the program's SCIM users in id order (`startIndex` 1-based), with how many match in all. */
export async function scimUsersOf(
  env: Env,
  programId: string,
  q: { filter: ScimFilter | null; startIndex: number; count: number },
): Promise<{ total: number; users: ScimUserRow[] }> {
  const args = [programId, q.filter?.attribute ?? null, q.filter?.value ?? null];
  const [total, page] = await env.DB.batch([
    env.DB.prepare(`SELECT count(*) AS n FROM (${USERS_SQL})`).bind(...args),
    env.DB.prepare(`${USERS_SQL} ORDER BY pe.id LIMIT ?4 OFFSET ?5`).bind(...args, q.count, q.startIndex - 1),
  ]);
  return {
    total: (total!.results[0] as { n: number }).n,
    users: (page!.results as Row[]).map(userOf),
  };
}

/** One of the program's SCIM users, or null. */
export async function scimUserOf(env: Env, programId: string, personId: string): Promise<ScimUserRow | null> {
  const found = await scimUsersOf(env, programId, {
    filter: { attribute: "id", value: personId },
    startIndex: 1,
    count: 1,
  });
  return found.users[0] ?? null;
}

/** What a write did: the user as they are now, or why it was refused. */
type Outcome = { ok: true; user: ScimUserRow } | { ok: false; problem: ScimProblem };

/**
 * Provisions a person (POST /Users): they join the program as an invited participant with their role, as an API
 * create would, and are remembered as provisioned. A person the program already has is a uniqueness conflict, as RFC
 * 7644 says: the client then finds them by filter.
 */
export async function provisionScimUser(
  env: Env,
  programId: string,
  u: Required<ScimUserInput>,
  now = Date.now(),
): Promise<Outcome> {
  const existing = await scimUsersOf(env, programId, {
    filter: { attribute: "userName", value: u.email },
    startIndex: 1,
    count: 1,
  });
  if (existing.users[0])
    return {
      ok: false,
      problem: { status: 409, scimType: "uniqueness", detail: "This program already has a user with this userName." },
    };
  const { id } = await addApiParticipant(
    env,
    programId,
    { email: u.email, name: u.name, role: u.role, timeZone: "UTC" },
    now,
  );
  await rememberProvisioned(
    env,
    { programId, personId: id, role: u.role, externalId: u.externalId, createdAt: now },
    now,
  );
  if (!u.active) await deactivateApiParticipant(env, programId, id);
  const user = await scimUserOf(env, programId, id);
  return user ? { ok: true, user } : { ok: false, problem: gone };
}

/**
 * Keeps a provisioned person's row: their role, and the provider's id for them (`undefined` keeps the one stored, null
 * clears it).
 */
async function rememberProvisioned(
  env: Env,
  r: { programId: string; personId: string; role: ScimRole; externalId: string | null | undefined; createdAt: number },
  now: number,
) {
  await db(env)
    .insert(scimUsers)
    .values({ ...r, externalId: r.externalId ?? null, updatedAt: now })
    .onConflictDoUpdate({
      target: [scimUsers.programId, scimUsers.personId],
      set: { role: r.role, updatedAt: now, ...(r.externalId === undefined ? {} : { externalId: r.externalId }) },
    });
}

const gone: ScimProblem = {
  status: 409,
  scimType: "uniqueness",
  detail: "This person deleted their data from Trellis; they cannot be provisioned again under this address.",
};

/**
 * Changes a user (PUT, PATCH): the name, the external id, and whether they take part (ending or restoring their
 * membership with the role they had). Trellis never changes a person's email or an active participant's role from
 * provisioning: the email is how they sign in, and a role change would leave their pairings in the wrong shape. Both
 * are refused as `mutability`; a role sent unchanged is fine (clients resend every attribute).
 */
export async function changeScimUser(
  env: Env,
  programId: string,
  before: ScimUserRow,
  c: ScimUserInput,
  now = Date.now(),
): Promise<Outcome> {
  if (c.email !== undefined && c.email !== before.email)
    return {
      ok: false,
      problem: {
        status: 400,
        scimType: "mutability",
        detail:
          "Trellis does not change a person's email from provisioning (it is how they sign in). Deactivate this user and provision the new address.",
      },
    };
  const becomesActive = c.active ?? before.active;
  if (c.role !== undefined && c.role !== before.role && before.active && becomesActive)
    return {
      ok: false,
      problem: {
        status: 400,
        scimType: "mutability",
        detail: "A participant's role is changed by the program's coordinator in Trellis, not by provisioning.",
      },
    };
  const role = c.role ?? before.role;
  if (c.name !== undefined && c.name !== before.name && before.active)
    await renameApiParticipant(env, programId, before.id, c.name, now);
  await rememberProvisioned(
    env,
    { programId, personId: before.id, role, externalId: c.externalId, createdAt: before.createdAt },
    now,
  );
  if (before.active && !becomesActive) await deactivateApiParticipant(env, programId, before.id);
  if (!before.active && becomesActive)
    await addApiParticipant(
      env,
      programId,
      { email: before.email, name: c.name ?? before.name, role, timeZone: "UTC" },
      now,
    );
  const user = await scimUserOf(env, programId, before.id);
  return user ? { ok: true, user } : { ok: false, problem: gone };
}

/** Removes a user (DELETE /Users/:id): their membership ends and the program forgets them as provisioned. */
export async function removeScimUser(env: Env, programId: string, personId: string): Promise<boolean> {
  if (!(await scimUserOf(env, programId, personId))) return false;
  await deactivateApiParticipant(env, programId, personId);
  await db(env)
    .delete(scimUsers)
    .where(and(eq(scimUsers.programId, programId), eq(scimUsers.personId, personId)));
  return true;
}

/**
 * The statement forgetting a person's provisioning (for the deletion batch): their identity provider's id for them
 * goes with the rest of their data; if the provider still assigns them, it provisions a new, empty person.
 */
export const deleteScimData = (d: ReturnType<typeof db>, personId: string) =>
  d.delete(scimUsers).where(eq(scimUsers.personId, personId));
