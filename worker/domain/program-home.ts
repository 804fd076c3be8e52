/**
 * A program's home for its coordinators: participants by role and status, pairings by stage, and what needs a
 * coordinator now, in the order to do it. Pure: the route loads the counts.
 */
import { STAGE_LABELS, type Stage } from "./room/stages";
import { pairingStages } from "./vocabulary";

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
  text: string;
  href: string;
  tone: "bad" | "warn" | "info";
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
  rows: (StageCount & { label: string })[];
  total: number;
} {
  const rows = pairingStages.map((stage) => {
    const found = counts.stages.find((s) => s.stage === stage);
    return { stage, n: found?.n ?? 0, atRisk: found?.atRisk ?? 0, label: STAGE_LABELS[stage as Stage] };
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
      text: `${plural(atRisk, "pairing is", "pairings are")} at risk`,
      href: `${base}/at-risk`,
      tone: "bad",
    });
  if (counts.run?.status === "staged")
    todos.push({
      text: `Review ${plural(counts.run.total, "proposed match", "proposed matches")} before publishing`,
      href: `${base}/matching`,
      tone: "warn",
    });
  if (counts.run?.status === "failed")
    todos.push({ text: "The last matching run failed: start it again", href: `${base}/matching`, tone: "bad" });
  const proposed = counts.stages.find((s) => s.stage === "proposed")?.n ?? 0;
  if (proposed > 0)
    todos.push({
      text: `${plural(proposed, "pairing has", "pairings have")} not started yet`,
      href: `${base}/pairings`,
      tone: "info",
    });
  if (counts.unmailed > 0)
    todos.push({
      text: `Email invitations to ${plural(counts.unmailed, "imported person", "imported people")}`,
      href: `${base}#participants`,
      tone: "warn",
    });
  const people = participantsByStatus(counts);
  const invited = people.invited.mentors + people.invited.mentees;
  if (invited > 0)
    todos.push({
      text: `${plural(invited, "invited person has", "invited people have")} not joined yet`,
      href: `${base}#participants`,
      tone: "info",
    });
  if (people.active.mentors + people.active.mentees + invited === 0)
    todos.push({
      text: "Invite mentors and mentees, or import them from a CSV file",
      href: `${base}/import`,
      tone: "info",
    });
  return todos;
}
