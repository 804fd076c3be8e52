/** The ids of the spring demo programs and pairings, which the pairings, journeys and tests seeded for them share. */

/** The spring one-to-one program, whose pairings stand at every stage. */
export const DEMO_SPRING_PROGRAM_ID = "demo-spring-2026";
/** The spring peer-circles program with one group pairing. */
export const DEMO_SPRING_GROUPS_PROGRAM_ID = "demo-spring-groups";

/** The demo pairings' ids, by the stage each one is in. */
export const DEMO_SPRING_PAIRINGS = {
  proposed: "demospringproposed",
  onboarding: "demospringonboarding",
  active: "demospringactive",
  wrapping_up: "demospringwrappingup",
  closed: "demospringclosed",
  paused: "demospringpaused",
  ended_early: "demospringendedearly",
  group: "demospringgroup",
} as const;
