/**
 * The schema of each operation's answer, by operationId: read by the OpenAPI build and, as types only, by the routes
 * (so the handlers must answer these shapes), never bundled into the worker.
 */
import type { OperationId } from "./operations";
import * as z from "../zod";
import { checkinAnswerValues } from "../vocabulary";
import { participantRole } from "./schemas";

const instant = z.iso.datetime();
const nullableInstant = z.nullable(z.iso.datetime());

/** A participant: one person with their roles in the program. */
export const participant = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.object({ role: participantRole, status: z.enum(["invited", "active"]) })),
  updated_at: instant,
});

/** A page of a list: rows and the cursor of the next page (null on the last). */
const pageOf = <T extends z.ZodMiniType>(row: T) =>
  z.object({ data: z.array(row), next_cursor: z.nullable(z.string()) });

export const participantPage = pageOf(participant);

/** A pairing's projection: members, stage and the counts the dashboard reads; never chat, notes or agreement text. */
export const pairing = z.object({
  id: z.string(),
  stage: z.string(),
  source: z.string(),
  members: z.array(z.object({ person_id: z.string(), role: z.string() })),
  created_at: instant,
  last_activity_at: nullableInstant,
  ended_at: nullableInstant,
  agreement_signed: z.boolean(),
  goal_count: z.number(),
  goal_progress: z.nullable(z.number()),
  at_risk: z.boolean(),
  updated_at: instant,
});
export const pairingPage = pageOf(pairing);

/** One member's answer to a check-in (the answer only; comments stay in Trellis). */
export const checkinAnswer = z.object({
  checkin_id: z.string(),
  pairing_id: z.string(),
  person_id: z.string(),
  milestone: z.string(),
  answer: z.enum(checkinAnswerValues),
  answered_at: instant,
});
export const checkinAnswerPage = pageOf(checkinAnswer);

/** A meeting's times and status (title, place, agenda and notes stay in the pairing). */
export const meeting = z.object({
  id: z.string(),
  pairing_id: z.string(),
  kind: z.string(),
  status: z.string(),
  time_zone: z.string(),
  start_local: z.string(),
  duration_minutes: z.number(),
  repeat: z.string(),
  first_start: instant,
  last_end: instant,
  updated_at: instant,
});
export const meetingPage = pageOf(meeting);

const count = z.object({ key: z.string(), n: z.number() });

/** The dashboard's headline figure */
export const dashboard = z.object({
  pairings: z.number(),
  at_risk: z.number(),
  with_goals: z.number(),
  mean_goal_progress: z.nullable(z.number()),
  matched_people: z.number(),
  people: z.number(),
  stages_now: z.array(count),
  meetings_held_30_days: z.number(),
  checkins_90_days: z.object({ expected: z.number(), answered: z.number(), answers: z.record(z.string(), z.number()) }),
});

/** RFC 9457 problem detail */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ pointer: z.string(), detail: z.string() }))),
});

/** Each operation's answer schema. */
export const RESPONSES = {
  listParticipants: participantPage,
  createParticipant: participant,
  getParticipant: participant,
  updateParticipant: participant,
  deactivateParticipant: participant,
  listPairings: pairingPage,
  getPairing: pairing,
  listCheckinAnswers: checkinAnswerPage,
  listMeetings: meetingPage,
  getDashboard: dashboard,
} as const satisfies Record<OperationId, unknown>;

/** Each operation's one-line summary for the document (kept out of the route table, which the worker bundles). */
export const SUMMARIES: Record<OperationId, string> = {
  listParticipants: "List the program's mentors and mentees",
  createParticipant: "Add a mentor or mentee (invited; 200 when they already were one)",
  getParticipant: "One participant",
  updateParticipant: "Change a participant's name",
  deactivateParticipant: "End a person's mentor and mentee memberships (their pairings keep their history)",
  listPairings: "List the program's pairings (projection only: members, stage, counts)",
  getPairing: "One pairing's projection",
  listCheckinAnswers: "List check-in answers, oldest first (answers only, never comments)",
  listMeetings: "List meetings: times and status",
  getDashboard: "The dashboard's headline figures",
};
