/** Whether a confirmation's idempotency key was used already: a resubmitted confirmation must not act or log twice. */
import { loggedEntry } from "../audit/audit-log";
import type { MessageId } from "../domain/i18n/translate";
import type { AuditAction } from "../domain/audit";

/**
 * "fresh" (act now), "done" (this person already did this with this key: nothing more to do) or "other" (the key
 * belongs to something else).
 */
export async function keyState(
  env: Env,
  key: string,
  action: AuditAction,
  actorId: string,
): Promise<"fresh" | "done" | "other"> {
  const logged = await loggedEntry(env, key);
  if (!logged) return "fresh";
  return logged.action === action && logged.actorId === actorId ? "done" : "other";
}

/** The refusal when a confirmation's key belongs to another action. */
export const KEY_REUSED: MessageId = "programs.confirm.keyReused";
