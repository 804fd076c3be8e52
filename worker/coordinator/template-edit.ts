/** Saving a confirmed milestone template edit together with its audit entry, once per idempotency key. */
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import type { TemplateChanges } from "../domain/coordinator/template-changes";
import type { MilestoneTemplate } from "../domain/journey/template";
import { runningPairingCount } from "../matching/pairings";
import { templateUpdate } from "../programs/queries";
import { keyState } from "./confirm-key";

/** How many of the program's pairings are under way (their journeys keep the plan they read when they started). */
export async function pairingsUnderWay(env: Env, programId: string): Promise<number> {
  return runningPairingCount(env, programId);
}

/**
 * Stores the template and logs "program.template" with the changes, in one batch; a repeated key changes nothing. This
 * batch writes two owners' tables (programs through the programs module, audit_log through the audit module)
 * atomically.
 */
export async function saveTemplate(
  env: Env,
  edit: { programId: string; template: MilestoneTemplate; changes: TemplateChanges; key: string; actorId: string },
): Promise<"saved" | "repeated" | "other"> {
  const state = await keyState(env, edit.key, "program.template", edit.actorId);
  if (state !== "fresh") return state === "done" ? "repeated" : "other";
  const d = db(env);
  const now = Date.now();
  await d.batch([
    templateUpdate(d, edit.programId, edit.template, now),
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
