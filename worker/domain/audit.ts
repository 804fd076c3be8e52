/**
 * The audit log's vocabulary: the actions it knows with their sentences, and a logged entry as the audit page shows it.
 */

/** Actions the log knows, with the sentence shown for each. */
export const AUDIT_ACTIONS = {
  "pairing.message": "Sent a message into a pairing",
  "pairing.pause": "Paused a pairing",
  "pairing.resume": "Resumed a pairing",
  "pairing.end": "Ended a pairing early",
  "person.rematch": "Rematched a person",
  "program.message": "Emailed participants",
  "program.template": "Changed the milestone template",
  "person.delete": "A person deleted their data",
} as const;
/** One of the actions the log knows. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** A logged action with the actor's current name (a deleted person shows as such). */
export interface AuditRow {
  id: string;
  programId: string | null;
  action: string;
  actorId: string | null;
  actorName: string | null;
  /** The actor deleted their data (their row is a tombstone). */
  actorDeleted: boolean;
  pairingId: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  at: number;
}
