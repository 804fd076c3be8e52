/**
 * A program's home for its coordinators: participants by role and status, pairings by stage, and what needs a
 * coordinator now, in the order to do it. Pure: the route loads the counts.
 */
import type { MessageId, MessageValues } from "./i18n/translate";
import type { Stage } from "./room/stages";
import { pairingStages } from "./vocabulary";

/** Each pairing stage's name, as a message id (the coordinator pages' words for the room's stages). */
export const STAGE_NAMES: Record<Stage, MessageId> = {
  proposed: "programs.stage.proposed",
  onboarding: "programs.stage.onboarding",
  active: "programs.stage.active",
  wrapping_up: "programs.stage.wrappingUp",
  closed: "programs.stage.closed",
  paused: "programs.stage.paused",
  ended_early: "programs.stage.endedEarly",
};

/** A stage's name as a message id, or null for a stage this version does not know. */
export const stageName = (stage: string): MessageId | null =>
  Object.hasOwn(STAGE_NAMES, stage) ? STAGE_NAMES[stage as Stage] : null;

/** How many memberships have one role and status. */
export interface MembershipCount {
  role: string;
  status: string;
  n: number;
}

/** How many of a program's pairings are in one stage, and how many of those are flagged at risk. */
export interface StageCount {
  stage: string;
  n: number;
  atRisk: number;
}

/** Everything the program home counts. */
export interface ProgramHomeCounts {
  memberships: MembershipCount[];
  stages: StageCount[];
  /** Invited people who were never emailed (imported from CSV). */
  unmailed: number;
  /** The newest matching run that was not discarded: its status and how many proposals it holds. */
  run: { status: string; total: number } | null;
}

/** A line of "needs you": what to do, where, and how urgent it looks. */
export interface Todo {
  /** What to do, as a message id with its values. */
  text: MessageId;
  values?: MessageValues;
  href: string;
  tone: "bad" | "warn" | "info";
}

/** Participants (mentors and mentees) by status: active and invited, each by role. */
export function participantsByStatus(counts: ProgramHomeCounts) {
  const of = (role: string, status: string) =>
    counts.memberships.filter((m) => m.role === role && m.status === status).reduce((sum, m) => sum + m.n, 0);
  return {
    active: { mentors: of("mentor", "active"), mentees: of("mentee", "active") },
    invited: { mentors: of("mentor", "invited"), mentees: of("mentee", "invited") },
  };
}

/** Every stage in the machine's order with its count (zero when none), and the total. */
export function pairingsByStage(counts: ProgramHomeCounts): {
  rows: (StageCount & { label: MessageId })[];
  total: number;
} {
  const rows = pairingStages.map((stage) => {
    const found = counts.stages.find((s) => s.stage === stage);
    return { stage, n: found?.n ?? 0, atRisk: found?.atRisk ?? 0, label: STAGE_NAMES[stage] };
  });
  return { rows, total: rows.reduce((sum, r) => sum + r.n, 0) };
}

/** What needs a coordinator, most urgent first; empty when nothing does. */
export function coordinatorTodos(programId: string, counts: ProgramHomeCounts): Todo[] {
  const base = `/programs/${programId}`;
  const todos: Todo[] = [];
  const atRisk = counts.stages.reduce((sum, s) => sum + s.atRisk, 0);
  if (atRisk > 0)
    todos.push({
      text: "programs.todo.atRisk",
      values: { count: atRisk },
      href: `${base}/at-risk`,
      tone: "bad",
    });
  if (counts.run?.status === "staged")
    todos.push({
      text: "programs.todo.review",
      values: { count: counts.run.total },
      href: `${base}/matching`,
      tone: "warn",
    });
  if (counts.run?.status === "failed")
    todos.push({ text: "programs.todo.runFailed", href: `${base}/matching`, tone: "bad" });
  const proposed = counts.stages.find((s) => s.stage === "proposed")?.n ?? 0;
  if (proposed > 0)
    todos.push({
      text: "programs.todo.notStarted",
      values: { count: proposed },
      href: `${base}/pairings`,
      tone: "info",
    });
  if (counts.unmailed > 0)
    todos.push({
      text: "programs.todo.unmailed",
      values: { count: counts.unmailed },
      href: `${base}#participants`,
      tone: "warn",
    });
  const people = participantsByStatus(counts);
  const invited = people.invited.mentors + people.invited.mentees;
  if (invited > 0)
    todos.push({
      text: "programs.todo.notJoined",
      values: { count: invited },
      href: `${base}#participants`,
      tone: "info",
    });
  if (people.active.mentors + people.active.mentees + invited === 0)
    todos.push({
      text: "programs.todo.invite",
      href: `${base}/import`,
      tone: "info",
    });
  return todos;
}
