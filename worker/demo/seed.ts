/**
 * Seeds the demo once per local database (marked in app_meta), so later starts keep what users changed: the main
 * program with staged proposals waiting for review, a self-match program with one request waiting for a mentor, and two
 * spring programs whose pairings are at every stage, their rooms lived in.
 */
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { db } from "../db/client";
import { appMeta, memberships, people, programs } from "../db/schema";
import { DEMO_SELF_MATCH, DEMO_SELF_MATCH_PROGRAM_ID, seedMatching } from "./seed-matching";
import { seedSurveys } from "./seed-surveys";
import { seedJourneys } from "./seed-journeys";
import { seedPairings } from "./seed-pairings";
import { DEMO_CO_COORDINATOR, DEMO_COORDINATOR, DEMO_MENTEES, DEMO_MENTORS, type DemoPerson } from "./people";

const SEEDED_KEY = "demo_seeded_at";
/** The id of the autumn demo program (matching proposals waiting for review). */
export const DEMO_PROGRAM_ID = "demo-autumn-2026";

/** Returns true when the demo was seeded by this call, false when it already was. */
export async function seedDemo(env: Env, now = Date.now()): Promise<boolean> {
  const d = db(env);
  const done = await d.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY)).limit(1);
  if (done[0]) return false;

  const idOf = (email: string) => `demo-${email.split("@")[0]}`;
  const row = (p: DemoPerson) => ({ ...p, id: idOf(p.email), unavailable: false, createdAt: now, updatedAt: now });
  const coordinatorId = idOf(DEMO_COORDINATOR.email);
  const coCoordinatorId = idOf(DEMO_CO_COORDINATOR.email);
  const everyone = [...DEMO_MENTORS, ...DEMO_MENTEES];

  await d.batch([
    d
      .insert(people)
      .values({
        id: coordinatorId,
        ...DEMO_COORDINATOR,
        languages: ["english", "german"],
        canCreatePrograms: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    d
      .insert(people)
      .values({
        id: coCoordinatorId,
        ...DEMO_CO_COORDINATOR,
        languages: ["english"],
        canCreatePrograms: true,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    ...everyone.map((p) => d.insert(people).values(row(p)).onConflictDoNothing()),
    d
      .insert(programs)
      .values({
        id: DEMO_PROGRAM_ID,
        name: "Autumn 2026 Mentoring Circle",
        description:
          "A six-month one-to-one program pairing early-career people with experienced mentors across time zones.",
        type: "one-to-one",
        lengthWeeks: 26,
        cadenceDays: 14,
        matchingMode: "coordinator",
        createdBy: coordinatorId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    ...[coordinatorId, coCoordinatorId].map((personId) =>
      d
        .insert(memberships)
        .values({ programId: DEMO_PROGRAM_ID, personId, role: "coordinator", status: "active", createdAt: now })
        .onConflictDoNothing(),
    ),
    ...DEMO_MENTORS.map((p) => idOf(p.email))
      .filter((personId) => !DEMO_SELF_MATCH.onlyHere.includes(personId))
      .map((personId) =>
        d
          .insert(memberships)
          .values({ programId: DEMO_PROGRAM_ID, personId, role: "mentor", status: "active", createdAt: now })
          .onConflictDoNothing(),
      ),
    ...DEMO_MENTEES.map((p) =>
      d
        .insert(memberships)
        .values({
          programId: DEMO_PROGRAM_ID,
          personId: idOf(p.email),
          role: "mentee",
          status: "active",
          createdAt: now,
        })
        .onConflictDoNothing(),
    ),
    d
      .insert(programs)
      .values({
        id: DEMO_SELF_MATCH_PROGRAM_ID,
        name: "Product Leaders Self-Match",
        description: "New product leads choose their own mentor from people who have done the job.",
        type: "one-to-one",
        lengthWeeks: 12,
        cadenceDays: 14,
        matchingMode: "self",
        createdBy: coordinatorId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    ...[coordinatorId, coCoordinatorId].map((personId) =>
      d
        .insert(memberships)
        .values({
          programId: DEMO_SELF_MATCH_PROGRAM_ID,
          personId,
          role: "coordinator",
          status: "active",
          createdAt: now,
        })
        .onConflictDoNothing(),
    ),
    ...DEMO_SELF_MATCH.mentors.map((personId) =>
      d
        .insert(memberships)
        .values({ programId: DEMO_SELF_MATCH_PROGRAM_ID, personId, role: "mentor", status: "active", createdAt: now })
        .onConflictDoNothing(),
    ),
    ...DEMO_SELF_MATCH.mentees.map((personId) =>
      d
        .insert(memberships)
        .values({ programId: DEMO_SELF_MATCH_PROGRAM_ID, personId, role: "mentee", status: "active", createdAt: now })
        .onConflictDoNothing(),
    ),
    d
      .insert(appMeta)
      .values({ key: SEEDED_KEY, value: String(now) })
      .onConflictDoNothing(),
  ]);
  await seedMatching(env, DEMO_PROGRAM_ID, coordinatorId, now);
  await seedPairings(env, [coordinatorId, coCoordinatorId], now);
  await seedJourneys(env);
  await seedSurveys(env, coordinatorId, now);
  return true;
}

let seeding: Promise<unknown> | null = null;

/** Middleware: when DEMO_SEED is "1", seeds the demo before the first request this isolate serves. */
export const demoSeeder: MiddlewareHandler = async (c, next) => {
  if (c.env.DEMO_SEED === "1") {
    seeding ??= seedDemo(c.env).catch((err) => {
      seeding = null;
      throw err;
    });
    await seeding;
  }
  await next();
};
