/**
 * A test pairing for the journey restart check (scripts/journey-restart.mjs, through POST /dev/journey-pairing): two
 * new people in a small test program, the pairing started so that its agreement falls due a chosen number of seconds
 * from now, and its journey started. Local tooling, like the demo seed.
 */
import { db } from "../db/client";
import { memberships, pairingMembers, pairings, people, programs } from "../db/schema";
import { DEFAULT_TEMPLATE } from "../domain/journey/template";
import { newId } from "../domain/random-secrets";
import { startJourneys } from "../journey/start";

const TEST_PROGRAM = "dev-journey-test";
/**
 * The test program's agreement falls due two days after a pairing starts (so its welcome, fresh for a week, is still
 * news).
 */
const TEST_AGREEMENT_DAYS = 2;
/** The test program's length (its mid-point review is half-way). */
const TEST_LENGTH_WEEKS = 26;

/**
 * What was made: the pairing, when it started and its agreement falls due, whether its journey started, its members.
 */
export interface JourneyTestPairing {
  pairingId: string;
  createdAt: number;
  agreementDueAt: number;
  journeyStarted: boolean;
  members: { id: string; email: string }[];
}

/** Makes a test pairing whose agreement falls due `dueInSeconds` from `now`, and starts its journey. */
export async function createJourneyTestPairing(
  env: Env,
  dueInSeconds: number,
  now = Date.now(),
  /** Instead: an active pairing whose mid-point review (and the surveys attached to it) falls due this many seconds on. */
  midpointDueInSeconds?: number,
): Promise<JourneyTestPairing> {
  const tag = newId().slice(0, 10);
  const pairingId = `devjourney${tag}`;
  const coordinator = {
    id: "dev-journey-coordinator",
    email: "journey-coordinator@example.org",
    name: "Journey Test Coordinator",
  };
  const members = (["mentor", "mentee"] as const).map((role) => ({
    id: `dev-jt-${tag}-${role}`,
    email: `jt-${tag}-${role}@example.org`,
    name: `Test ${role} ${tag.slice(0, 4)}`,
    role,
  }));
  const template = { ...DEFAULT_TEMPLATE, agreementDays: TEST_AGREEMENT_DAYS };
  const createdAt =
    midpointDueInSeconds === undefined
      ? now - TEST_AGREEMENT_DAYS * 86_400_000 + dueInSeconds * 1000
      : now - Math.round((TEST_LENGTH_WEEKS * 7) / 2) * 86_400_000 + midpointDueInSeconds * 1000;
  const d = db(env);
  const person = (p: { id: string; email: string; name: string }) =>
    d
      .insert(people)
      .values({ ...p, timeZone: "UTC", contactStart: 0, contactEnd: 1440, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
  await d.batch([
    person(coordinator),
    d
      .insert(programs)
      .values({
        id: TEST_PROGRAM,
        name: "Journey test program",
        description: "Pairings made by /dev/journey-pairing.",
        type: "one-to-one",
        lengthWeeks: TEST_LENGTH_WEEKS,
        cadenceDays: 14,
        matchingMode: "coordinator",
        milestoneTemplate: JSON.stringify(template),
        createdBy: coordinator.id,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing(),
    d
      .insert(memberships)
      .values({
        programId: TEST_PROGRAM,
        personId: coordinator.id,
        role: "coordinator",
        status: "active",
        createdAt: now,
      })
      .onConflictDoNothing(),
    ...members.flatMap((m) => [
      person(m),
      d
        .insert(memberships)
        .values({ programId: TEST_PROGRAM, personId: m.id, role: m.role, status: "active", createdAt: now }),
    ]),
    d.insert(pairings).values({
      id: pairingId,
      programId: TEST_PROGRAM,
      source: "matching",
      stage: midpointDueInSeconds === undefined ? "onboarding" : "active",
      createdAt,
    }),
    ...members.map((m) =>
      d.insert(pairingMembers).values({ pairingId, personId: m.id, role: m.role, programId: TEST_PROGRAM }),
    ),
  ]);
  const started = await startJourneys(env, [pairingId]);
  return {
    pairingId,
    createdAt,
    agreementDueAt: createdAt + TEST_AGREEMENT_DAYS * 86_400_000,
    journeyStarted: started === 1,
    members: members.map(({ id, email }) => ({ id, email })),
  };
}
