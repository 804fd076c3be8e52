/** Writes validated CSV participants: people upserted by email and invited memberships, atomically and idempotently. */
import { and, eq } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { participantImports } from "../db/schema";
import type { BadRow, ParticipantRow } from "../domain/participant-import";
import { newId } from "../domain/random-secrets";

/** Rows per statement: each chunk travels as one JSON parameter (D1 caps parameter count, not this size). */
const CHUNK = 500;

/**
 * Raw SQL (both statements): each chunk travels as one JSON parameter through json_each (past D1's 100 bound
 * parameters), with an upsert that keeps what a person already filled in (CASE per column), which the builder cannot
 * express. The people rows belong to no module of this area; the statement stays here with the import that needs it.
 */
const UPSERT_PEOPLE = `
INSERT INTO people (id, email, name, time_zone, languages, goals, expertise, capacity, created_at, updated_at)
SELECT json_extract(j.value, '$.id'), json_extract(j.value, '$.email'), json_extract(j.value, '$.name'),
       coalesce(nullif(json_extract(j.value, '$.timeZone'), ''), 'UTC'),
       json_extract(j.value, '$.languages'), json_extract(j.value, '$.goals'), json_extract(j.value, '$.expertise'),
       coalesce(json_extract(j.value, '$.capacity'), 0), ?2, ?2
FROM json_each(?1) AS j WHERE true
ON CONFLICT (email) DO UPDATE SET
  capacity = CASE WHEN people.capacity = 0 THEN excluded.capacity ELSE people.capacity END,
  name = CASE WHEN people.name = '' THEN excluded.name ELSE people.name END,
  time_zone = CASE WHEN people.time_zone = 'UTC' THEN excluded.time_zone ELSE people.time_zone END,
  languages = CASE WHEN people.languages = '[]' THEN excluded.languages ELSE people.languages END,
  goals = CASE WHEN people.goals = '[]' THEN excluded.goals ELSE people.goals END,
  expertise = CASE WHEN people.expertise = '[]' THEN excluded.expertise ELSE people.expertise END`;

const INSERT_MEMBERSHIPS = `
INSERT INTO memberships (program_id, person_id, role, status, created_at, attributes)
SELECT ?2, p.id, json_extract(j.value, '$.role'), 'invited', ?3, json_extract(j.value, '$.attributes')
FROM json_each(?1) AS j JOIN people AS p ON p.email = json_extract(j.value, '$.email') WHERE true
ON CONFLICT DO NOTHING`;

/** Answers to the program's questions fill in memberships that had none yet (what a person answered stays). */
const FILL_ANSWERS = `
UPDATE memberships SET attributes = json_extract(j.value, '$.attributes')
FROM json_each(?1) AS j JOIN people AS p ON p.email = json_extract(j.value, '$.email')
WHERE memberships.program_id = ?2 AND memberships.person_id = p.id
  AND memberships.role = json_extract(j.value, '$.role') AND memberships.attributes = '{}'`;

/** Imports rows into a program; returns how many memberships were new and how many already existed. */
export async function importParticipants(
  env: Env,
  programId: string,
  rows: ParticipantRow[],
  now = Date.now(),
): Promise<{ added: number; present: number }> {
  if (rows.length === 0) return { added: 0, present: 0 };
  const statements: D1PreparedStatement[] = [];
  /** Which statements insert memberships: their change counts are the people added. */
  const inserts: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const people = chunk.map((r) => ({
      id: newId(),
      email: r.email,
      name: r.name,
      timeZone: r.timeZone,
      languages: JSON.stringify(r.languages),
      goals: JSON.stringify(r.goals),
      expertise: JSON.stringify(r.expertise),
      capacity: r.capacity,
    }));
    const memberships = JSON.stringify(
      chunk.map((r) => ({ email: r.email, role: r.role, attributes: JSON.stringify(r.attributes) })),
    );
    statements.push(env.DB.prepare(UPSERT_PEOPLE).bind(JSON.stringify(people), now));
    inserts.push(statements.length);
    statements.push(env.DB.prepare(INSERT_MEMBERSHIPS).bind(memberships, programId, now));
    const answered = chunk.filter((r) => Object.keys(r.attributes).length > 0);
    if (answered.length)
      statements.push(
        env.DB.prepare(FILL_ANSWERS).bind(
          JSON.stringify(
            answered.map((r) => ({ email: r.email, role: r.role, attributes: JSON.stringify(r.attributes) })),
          ),
          programId,
        ),
      );
  }
  const results = await env.DB.batch(statements);
  const added = inserts.reduce((n, i) => n + (results[i]!.meta.changes ?? 0), 0);
  return { added, present: rows.length - added };
}

const MAX_STORED_BAD_ROWS = 1000;

/** Stores an import's report and returns its id (the result page reads it after the redirect). */
export async function saveImportReport(
  env: Env,
  report: { programId: string; importedBy: string; added: number; present: number; bad: BadRow[]; notices: string[] },
  now = Date.now(),
): Promise<string> {
  const id = newId();
  const d = db(env);
  await d.batch([
    d.insert(participantImports).values({
      id,
      ...report,
      badCount: report.bad.length,
      bad: report.bad.slice(0, MAX_STORED_BAD_ROWS),
      createdAt: now,
    }),
    // The log keeps the counts, never the file's contents.
    auditInsert(d, {
      id: `import:${id}`,
      programId: report.programId,
      actorId: report.importedBy,
      action: "participants.import",
      detail: { counts: { added: report.added, present: report.present, invalid: report.bad.length } },
      at: now,
    }),
  ]);
  return id;
}

/** Reads one import report of a program. */
export async function getImportReport(env: Env, programId: string, id: string) {
  const rows = await db(env)
    .select()
    .from(participantImports)
    .where(and(eq(participantImports.id, id), eq(participantImports.programId, programId)))
    .limit(1);
  return rows[0] ?? null;
}
