/**
 * The JSON API's request schemas (Zod Mini): the handlers validate with them and the OpenAPI document is generated from
 * them (`openapi.ts`), so the document cannot drift from what the code accepts. Answers' schemas are in `responses.ts`.
 */
import * as z from "../zod";
import { PROFILE_LIMITS, TIME_ZONE_MAX } from "../profile";
import { PAGE_MAX } from "./cursor";

/** Longest email address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

const id = z.string().check(z.regex(/^[0-9A-Za-z_-]{1,64}$/));
/** An RFC 3339 instant in UTC, e.g. 2026-12-01T09:30:00Z (a plain pattern: zod's ISO parser costs the bundle 1 KB). */
const instant = z
  .string()
  .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/));

/** Path parameters: the program, and a person or pairing in it. */
export const programParams = z.object({ programId: id });
export const personParams = z.object({ programId: id, personId: id });
export const pairingParams = z.object({ programId: id, pairingId: id });

/** A list's query: an opaque cursor, a page size and an optional updated-since instant (RFC 3339, UTC). */
export const listQuery = z.object({
  cursor: z.optional(z.string().check(z.maxLength(300))),
  limit: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,2}$/))),
  updated_since: z.optional(instant),
});

/** The roles a participant may have in a program. */
export const participantRole = z.enum(["mentor", "mentee"]);

/** Creating a participant: they join the program as invited (the coordinator's invitation mail still asks them in). */
export const participantCreate = z.object({
  email: z.string().check(z.maxLength(EMAIL_MAX), z.email()),
  name: z.optional(z.string().check(z.trim(), z.maxLength(PROFILE_LIMITS.name))),
  role: participantRole,
  time_zone: z.optional(z.string().check(z.maxLength(TIME_ZONE_MAX))),
});

/** Updating a participant: their name as the program knows it. */
export const participantUpdate = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(PROFILE_LIMITS.name)),
});

/** Largest page a list answers. */
export const LIST_PAGE_MAX = PAGE_MAX;
