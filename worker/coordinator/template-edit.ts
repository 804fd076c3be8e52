/** Saving a confirmed milestone template edit together with its audit entry, once per idempotency key. */
import { eq } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { programs } from "../db/schema";
import type { TemplateChanges } from "../domain/coordinator/template-changes";
import type { MilestoneTemplate } from "../domain/journey/template";
import { keyState } from "./confirm-key";

/** How many of the program's pairings are under way (their journeys keep the plan they read when they started). */
export async function pairingsUnderWay(env: Env, programId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM pairings WHERE program_id = ?1 AND ended_at IS NULL")
    .bind(programId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Stores the template and logs "program.template" with the changes, in one batch; a repeated key changes nothing. */
export async function saveTemplate(
  env: Env,
  edit: { programId: string; template: MilestoneTemplate; changes: TemplateChanges; key: string; actorId: string },
): Promise<"saved" | "repeated" | "other"> {
  const state = await keyState(env, edit.key, "program.template", edit.actorId);
  if (state !== "fresh") return state === "done" ? "repeated" : "other";
  const d = db(env);
  const now = Date.now();
  await d.batch([
    d
      .update(programs)
      .set({ milestoneTemplate: JSON.stringify(edit.template), updatedAt: now })
      .where(eq(programs.id, edit.programId)),
    auditInsert(d, {
      id: edit.key,
      programId: edit.programId,
      actorId: edit.actorId,
      action: "program.template",
      detail: { changes: edit.changes },
      at: now,
    }),
  ]);
  return "saved";
}
