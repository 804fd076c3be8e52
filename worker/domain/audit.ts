/**
 * The audit log's vocabulary: the actions it knows with their sentences, and a logged entry as the audit page shows it.
 */
import type { MessageId } from "./i18n/translate";

/** Actions the log knows, with the sentence shown for each (a message id). */
export const AUDIT_ACTIONS = {
  "program.create": "programs.audit.action.programCreate",
  "program.settings": "programs.audit.action.programSettings",
  "participants.import": "programs.audit.action.participantsImport",
  "invitation.send": "programs.audit.action.invitationSend",
  "invitation.batch": "programs.audit.action.invitationBatch",
  "matching.run": "programs.audit.action.matchingRun",
  "matching.approve": "programs.audit.action.matchingApprove",
  "matching.unapprove": "programs.audit.action.matchingUnapprove",
  "matching.publish": "programs.audit.action.matchingPublish",
  "matching.discard": "programs.audit.action.matchingDiscard",
  "proposal.change": "programs.audit.action.proposalChange",
  "matching.settings": "programs.audit.action.matchingSettings",
  "matching.avoid": "programs.audit.action.matchingAvoid",
  "pairing.message": "programs.audit.action.pairingMessage",
  "pairing.pause": "programs.audit.action.pairingPause",
  "pairing.resume": "programs.audit.action.pairingResume",
  "pairing.end": "programs.audit.action.pairingEnd",
  "person.rematch": "programs.audit.action.personRematch",
  "program.message": "programs.audit.action.programMessage",
  "program.template": "programs.audit.action.programTemplate",
  "person.delete": "programs.audit.action.personDelete",
  "api.token.create": "platform.audit.tokenCreate",
  "api.token.revoke": "platform.audit.tokenRevoke",
  "api.request": "platform.audit.apiRequest",
  "webhook.create": "platform.audit.webhookCreate",
  "webhook.rotate": "platform.audit.webhookRotate",
  "webhook.pause": "platform.audit.webhookPause",
  "webhook.enable": "platform.audit.webhookEnable",
  "webhook.delete": "platform.audit.webhookDelete",
  "webhook.replay": "platform.audit.webhookReplay",
  "survey.create": "resources.audit.surveyCreate",
  "survey.send": "resources.audit.surveySend",
  "library.add": "resources.audit.libraryAdd",
  "library.remove": "resources.audit.libraryRemove",
  "library.edit": "resources.audit.libraryEdit",
} as const satisfies Record<string, MessageId>;
/** One of the actions the log knows. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The words for the counts an entry records (`detail.counts`), with `count`, e.g. "12 added · 1 row with problems". */
export const AUDIT_COUNT_LABELS: Record<string, MessageId> = {
  added: "programs.audit.count.added",
  present: "programs.audit.count.present",
  invalid: "programs.audit.count.invalid",
  invitations: "programs.audit.count.invitations",
  proposals: "programs.audit.count.proposals",
  pairings: "programs.audit.count.pairings",
  skipped: "programs.audit.count.skipped",
};

/** The words for a proposal change or an avoid-list change (`detail.change`). */
export const AUDIT_CHANGE_LABELS: Record<string, MessageId> = {
  mentor: "programs.audit.change.mentor",
  swap: "programs.audit.change.swap",
  remove: "programs.audit.change.remove",
  add: "programs.audit.change.add",
  added: "programs.audit.change.added",
  removed: "programs.audit.change.removed",
};

/** The fields of the settings an entry's `detail.changes` may name, with their labels. */
export const AUDIT_FIELD_LABELS: Record<string, MessageId> = {
  name: "programs.audit.field.name",
  description: "programs.audit.field.description",
  type: "programs.audit.field.type",
  lengthWeeks: "programs.audit.field.lengthWeeks",
  cadenceDays: "programs.audit.field.cadenceDays",
  matchingMode: "programs.audit.field.matchingMode",
  goals: "programs.audit.field.goals",
  languages: "programs.audit.field.languages",
  availability: "programs.audit.field.availability",
  channels: "programs.audit.field.channels",
  goalsForFull: "programs.audit.field.goalsForFull",
  hoursForFull: "programs.audit.field.hoursForFull",
  mustShareLanguage: "programs.audit.field.mustShareLanguage",
  maxMentorsPerMentee: "programs.audit.field.maxMentorsPerMentee",
  requestExpiryDays: "programs.audit.field.requestExpiryDays",
  attributes: "programs.audit.field.attributes",
  language: "programs.audit.field.language",
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
