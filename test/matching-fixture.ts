/**
 * Builds matching programs for integration tests: people with profiles, active memberships, and lookups of staged rows.
 */
import { env } from "cloudflare:workers";

/** A participant to add; unspecified profile fields get plain defaults. */
export interface MemberSpec {
  email: string;
  role: "mentor" | "mentee";
  name?: string;
  goals?: string[];
  expertise?: string[];
  languages?: string[];
  zone?: string;
  capacity?: number;
  unavailable?: boolean;
  /** Mon 18:00–20:00 in their zone by default. */
  availability?: { day: number; start: number; end: number }[];
}

/** Creates the person (if new) with a profile and makes them an active participant; returns their id. */
export async function addMember(programId: string, m: MemberSpec): Promise<string> {
  const id = `p-${m.email.replace(/[^a-z0-9]/gi, "")}`;
  await env.DB.prepare(
    `INSERT INTO people (id, email, name, time_zone, goals, expertise, languages, channels, availability, capacity, unavailable)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '["video"]', ?8, ?9, ?10) ON CONFLICT (email) DO NOTHING`,
  )
    .bind(
      id,
      m.email,
      m.name ?? m.email.split("@")[0],
      m.zone ?? "Europe/Berlin",
      JSON.stringify(m.goals ?? []),
      JSON.stringify(m.expertise ?? []),
      JSON.stringify(m.languages ?? ["english"]),
      JSON.stringify(m.availability ?? [{ day: 0, start: 1080, end: 1200 }]),
      m.capacity ?? (m.role === "mentor" ? 1 : 0),
      m.unavailable ? 1 : 0,
    )
    .run();
  await env.DB.prepare(
    "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, ?3, 'active') ON CONFLICT DO NOTHING",
  )
    .bind(programId, id, m.role)
    .run();
  return id;
}

/** The person id for an email as addMember makes it. */
export const idOf = (email: string) => `p-${email.replace(/[^a-z0-9]/gi, "")}`;

/** A staged or published proposal row. */
export interface ProposalRecord {
  id: string;
  mentor_id: string;
  mentee_id: string;
  score: number;
  original_score: number | null;
  approved: number;
  pairing_id: string | null;
  reasons: string;
}

/** The proposals of the program's newest run. */
export async function proposalsOf(programId: string): Promise<ProposalRecord[]> {
  const rows = await env.DB.prepare(
    `SELECT mp.* FROM match_proposals mp WHERE mp.run_id = (SELECT id FROM match_runs WHERE program_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1) ORDER BY mp.mentee_id`,
  )
    .bind(programId)
    .all<ProposalRecord>();
  return rows.results;
}

/** The program's newest run. */
export async function latestRun(programId: string) {
  return env.DB.prepare("SELECT * FROM match_runs WHERE program_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1")
    .bind(programId)
    .first<Record<string, unknown>>();
}
