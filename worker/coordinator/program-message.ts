/** Emailing a program's participants: who an audience is, and sending once per recipient per confirmation. */
import { recordAudit } from "../audit/audit-log";
import type { ProgramMessage, Recipient } from "../domain/coordinator/audience";
import { notify } from "../mail/notify";
import { KEY_REUSED, keyState } from "./confirm-key";

const ACTIVE = `SELECT DISTINCT p.id, p.name, p.email FROM memberships m JOIN people p ON p.id = m.person_id
  WHERE m.program_id = ?1 AND m.status = 'active' AND p.deleted_at IS NULL`;
const IN_PAIRINGS = (
  where: string,
) => `${ACTIVE} AND m.role IN ('mentor', 'mentee') AND p.id IN (SELECT pm.person_id FROM pairing_members pm JOIN pairings pr ON pr.id = pm.pairing_id
  WHERE pr.program_id = ?1 AND ${where})`;

/** The people an audience reaches (active participants only, never coordinators unless they also take part), ordered by name. */
export async function recipientsOf(
  env: Env,
  programId: string,
  m: Pick<ProgramMessage, "audience" | "stage" | "emails">,
): Promise<Recipient[]> {
  const sql = {
    all: `${ACTIVE} AND m.role IN ('mentor', 'mentee')`,
    mentors: `${ACTIVE} AND m.role = 'mentor'`,
    mentees: `${ACTIVE} AND m.role = 'mentee'`,
    "at-risk": IN_PAIRINGS("pr.risk_reason IS NOT NULL AND pr.ended_at IS NULL"),
    stage: IN_PAIRINGS("pr.stage = ?2"),
    chosen: `${ACTIVE} AND m.role IN ('mentor', 'mentee') AND lower(p.email) IN (SELECT value FROM json_each(?2))`,
  }[m.audience];
  const param = m.audience === "stage" ? m.stage : m.audience === "chosen" ? JSON.stringify(m.emails) : null;
  const stmt = env.DB.prepare(`${sql} ORDER BY p.name, p.id`);
  const rows = await (param === null ? stmt.bind(programId) : stmt.bind(programId, param)).all<Recipient>();
  return rows.results;
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
