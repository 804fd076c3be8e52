/**
 * The demo's journeys: the spring pairings' past check-ins with their answers (mostly "Going well" and "OK"; one
 * "Struggling", with a comment, which flagged the paused pairing at risk), imported with each room's history, and after
 * seeding a journey started for every running spring pairing.
 *
 * The history keys its check-ins as the journey does (`check-in-1`…, from the same plan), so a journey started weeks
 * late finds its past check-ins opened and answered already; journey-steps.ts does not mail about milestones whose time
 * is over, so starting late sends no stale mail. What a fresh `npm start` shows: the current check-in of the active and
 * the wrapping-up pairings open, its emails in the dev mailbox; the paused pairing at risk (and the onboarding one once
 * its agreement is three days overdue, flagged by its journey).
 *
 * The spring one-to-one program checks in every three weeks and keeps each check-in open two weeks (its milestone
 * template), so that whatever the hour `npm start` runs, the active and wrapping-up pairings (46–49 and 54–56 days
 * old) are inside a check-in window. The peer circles keep the default template (weekly, open four days).
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { pairings, programs } from "../db/schema";
import { DEFAULT_TEMPLATE, type MilestoneTemplate, journeyPlan } from "../domain/journey/template";
import type { Stage } from "../domain/room/stages";
import { startJourneys } from "../journey/start";
import type { HistoryCheckin, RoomHistory } from "../room/demo-history";
import { DEMO_SPRING_GROUPS_PROGRAM_ID, DEMO_SPRING_PAIRINGS, DEMO_SPRING_PROGRAM_ID } from "./spring-ids";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The spring one-to-one program's milestone template: a check-in every three weeks, open for two. */
export const DEMO_SPRING_TEMPLATE: MilestoneTemplate = {
  ...DEFAULT_TEMPLATE,
  checkInEveryDays: 21,
  checkInOpenDays: 14,
};

/** The spring programs as the journey plans them (length and cadence as seed-pairings.ts creates them). */
const PROGRAMS = {
  oneToOne: { lengthWeeks: 26, cadenceDays: 14, template: DEMO_SPRING_TEMPLATE },
  groups: { lengthWeeks: 12, cadenceDays: 7, template: DEFAULT_TEMPLATE },
};

/** Stages whose pairing has a running journey. */
const RUNNING: Stage[] = ["onboarding", "active", "wrapping_up", "paused"];

/** A demo pairing as the check-in history needs it. */
export interface DemoJourneyPairing {
  id: string;
  stage: Stage;
  createdAt: number;
  endedAt: number | null;
  mentor: { id: string; name: string };
  mentees: { id: string; name: string }[];
  history: RoomHistory | null;
}

/** One member's answer to a check-in: the answer (null: none), a comment, and how many hours after it opened. */
type Said = [answer: string | null, comment: string, afterHours: number];

/** What each pairing's members answered, check-in by check-in (mentor first, then the mentees). */
function scripts(): Record<string, Said[][]> {
  return {
    [DEMO_SPRING_PAIRINGS.active]: [
      [
        ["going-well", "", 30],
        ["ok", "Still finding my feet: more meetings than code, but all six one-to-ones are booked.", 52],
      ],
    ],
    [DEMO_SPRING_PAIRINGS.wrapping_up]: [
      [
        ["going-well", "", 20],
        ["going-well", "The brag document is four pages now.", 44],
      ],
    ],
    [DEMO_SPRING_PAIRINGS.closed]: [
      [
        ["going-well", "", 26],
        ["going-well", "My first usability test is done; I'm turning it into a case study.", 50],
      ],
      [
        ["going-well", "", 4],
        ["going-well", "Wrapping up: the new job starts next month.", 9],
      ],
    ],
    [DEMO_SPRING_PAIRINGS.paused]: [
      [
        ["going-well", "", 18],
        [
          "struggling",
          "Our baby is due in a few weeks and I'm sleeping badly. I'm behind on the customer interviews and feel I'm letting Mei down.",
          40,
        ],
      ],
    ],
    [DEMO_SPRING_PAIRINGS.ended_early]: [
      [
        ["going-well", "", 22],
        ["ok", "A busy month: I may be changing jobs soon.", 46],
      ],
    ],
    [DEMO_SPRING_PAIRINGS.group]: [
      [
        ["going-well", "", 8],
        ["ok", "Still redoing the rota myself at 10 pm.", 30],
        ["going-well", "", 28],
      ],
      [
        ["going-well", "", 12],
        [null, "", 0],
        ["going-well", "Handed the release checklist to Deepa and didn't check on it once.", 26],
      ],
      [
        ["going-well", "", 9],
        ["going-well", "The feedback conversation with my old desk mate went well after two awkward minutes.", 31],
        ["ok", "", 50],
      ],
    ],
  };
}

/** When a pairing stopped moving on: ended, or paused (the time of the chat line saying so); null while it runs. */
function stoppedAt(p: DemoJourneyPairing): number | null {
  if (p.endedAt !== null) return p.endedAt;
  if (p.stage !== "paused") return null;
  const line = p.history?.messages.find((m) => m.authorId === null && / to paused/.test(m.body));
  return line?.at ?? null;
}

/**
 * A demo pairing's past check-ins and risk flag, for its room's history: the check-ins its journey opened before now
 * (or before the pairing was paused or ended) and whose window has closed, or all of them once it stopped; the one open
 * now is left to the journey, which opens it and mails the members. A "Struggling" answer flags the pairing, as the
 * room does when a member answers so.
 */
export function demoJourneyHistory(
  p: DemoJourneyPairing,
  group: boolean,
  now: number,
): Pick<RoomHistory, "checkins" | "risk"> {
  if (!RUNNING.includes(p.stage) && p.stage !== "closed" && p.stage !== "ended_early") return {};
  const program = group ? PROGRAMS.groups : PROGRAMS.oneToOne;
  const stop = stoppedAt(p);
  const until = Math.min(stop ?? now, now);
  const members = [p.mentor, ...p.mentees];
  const script = scripts()[p.id] ?? [];
  const plan = journeyPlan(p.createdAt, program, program.template).filter(
    (m) => m.closes !== null && m.due < until && (m.closes <= now || stop !== null),
  );
  let risk: RoomHistory["risk"];
  const checkins = plan.map((m, i): HistoryCheckin => {
    const closesAt = p.endedAt !== null ? Math.min(m.closes!, p.endedAt) : m.closes!;
    const said = script[i] ?? members.map((): Said => ["going-well", "", 24]);
    const answers = members.flatMap((who, j) => {
      const [answer, comment, afterHours] = said[j] ?? ["going-well", "", 24];
      if (answer === null && !comment) return [];
      const at = Math.max(m.due + MIN, Math.min(m.due + afterHours * HOUR, closesAt - HOUR, until - HOUR));
      if (answer === "struggling" && (!risk || risk.since < at))
        risk = { reason: `${who.name} answered "Struggling" to a check-in.`, since: at };
      return [{ personId: who.id, answer, comment, at }];
    });
    return { milestone: m.key, opensAt: m.due, closesAt, answers };
  });
  return risk ? { checkins, risk } : { checkins };
}

/**
 * After the spring pairings are seeded: gives the one-to-one program its milestone template (unless it has one) and
 * starts the journeys of its running pairings (and the peer circle's). Returns how many journeys started.
 */
export async function seedJourneys(env: Env): Promise<number> {
  const d = db(env);
  await d
    .update(programs)
    .set({ milestoneTemplate: JSON.stringify(DEMO_SPRING_TEMPLATE) })
    .where(and(eq(programs.id, DEMO_SPRING_PROGRAM_ID), isNull(programs.milestoneTemplate)));
  const running = await d
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(
        inArray(pairings.programId, [DEMO_SPRING_PROGRAM_ID, DEMO_SPRING_GROUPS_PROGRAM_ID]),
        inArray(pairings.stage, RUNNING),
      ),
    )
    .orderBy(asc(pairings.id));
  return startJourneys(
    env,
    running.map((r) => r.id),
  );
}
