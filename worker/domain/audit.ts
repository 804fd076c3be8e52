/**
 * The audit log's vocabulary: the actions it knows with their sentences, and a logged entry as the audit page shows it.
 */

/** Actions the log knows, with the sentence shown for each. */
export const AUDIT_ACTIONS = {
  "program.create": "Created the program",
  "program.settings": "Changed the program's settings",
  "participants.import": "Imported participants",
  "invitation.send": "Invited a person",
  "invitation.batch": "Emailed the pending invitations",
  "matching.run": "Ran matching",
  "matching.approve": "Approved proposals",
  "matching.unapprove": "Withdrew approval of proposals",
  "matching.publish": "Published pairings",
  "matching.discard": "Discarded a matching run",
  "proposal.change": "Changed a proposal",
  "matching.settings": "Changed the matching rules",
  "matching.avoid": "Changed an avoid list",
  "pairing.message": "Sent a message into a pairing",
  "pairing.pause": "Paused a pairing",
  "pairing.resume": "Resumed a pairing",
  "pairing.end": "Ended a pairing early",
  "person.rematch": "Rematched a person",
  "program.message": "Emailed participants",
  "program.template": "Changed the milestone template",
  "person.delete": "A person deleted their data",
  "survey.create": "Created a survey",
  "survey.send": "Sent a survey",
  "library.add": "Added to the program library",
  "library.remove": "Removed from the program library",
} as const;
/** One of the actions the log knows. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The words for the counts an entry records (`detail.counts`), one and many, e.g. "12 added · 1 row with problems". */
export const AUDIT_COUNT_LABELS: Record<string, [string, string]> = {
  added: ["added", "added"],
  present: ["already there", "already there"],
  invalid: ["row with problems", "rows with problems"],
  invitations: ["invitation", "invitations"],
  proposals: ["proposal", "proposals"],
  pairings: ["pairing", "pairings"],
  skipped: ["skipped", "skipped"],
};

/** The words for a proposal change or an avoid-list change (`detail.change`). */
export const AUDIT_CHANGE_LABELS: Record<string, string> = {
  mentor: "another mentor or partner chosen",
  swap: "swapped with another proposal",
  remove: "removed",
  add: "added by hand",
  added: "two people kept apart",
  removed: "two people no longer kept apart",
};

/** The fields of the settings an entry's `detail.changes` may name, with their labels. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  type: "Type",
  lengthWeeks: "Length (weeks)",
  cadenceDays: "Check-in cadence (days)",
  matchingMode: "Matching",
  goals: "Goals weight",
  languages: "Languages weight",
  availability: "Availability weight",
  channels: "Channels weight",
  goalsForFull: "Shared goals for full points",
  hoursForFull: "Weekly hours for full points",
  mustShareLanguage: "Must share a language",
  maxMentorsPerMentee: "Mentors per mentee",
  requestExpiryDays: "Days a request stays open",
  attributes: "Program questions",
};

/** Longest value an audit entry keeps of a changed setting; longer ones are recorded as "(changed)". */
const CHANGE_VALUE_MAX = 80;

/** A setting's value as the log keeps it: short scalars as they are, anything else as JSON, long ones elided. */
function loggedValue(v: unknown): unknown {
  const value = v === undefined ? null : typeof v === "object" && v !== null ? JSON.stringify(v) : v;
  return typeof value === "string" && value.length > CHANGE_VALUE_MAX ? "(changed)" : value;
}

/** The fields that differ between two versions of some settings, as [before, after] pairs for `detail.changes`. */
export function settingChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const [a, b] = [JSON.stringify(before[f] ?? null), JSON.stringify(after[f] ?? null)];
    if (a !== b) out[f] = [loggedValue(before[f]), loggedValue(after[f])];
  }
  return out;
}

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
