/** The coordinator's form for a new API token: a name, read or write, and a lifetime from the offered ones. */
import { msg } from "../i18n/translate";
import * as z from "../zod";
import { API_TOKEN_DAYS, API_TOKEN_NAME_MAX } from "./tokens";

/** Validates the new-token form (the name trimmed; scope and days from their lists). */
export const apiTokenForm = z.object({
  name: z
    .string(msg("api.error.name", { max: API_TOKEN_NAME_MAX }))
    .check(
      z.trim(),
      z.minLength(1, msg("api.error.name", { max: API_TOKEN_NAME_MAX })),
      z.maxLength(API_TOKEN_NAME_MAX, msg("api.error.name", { max: API_TOKEN_NAME_MAX })),
    ),
  scope: z.enum(["read", "write"], msg("api.error.scope")),
  days: z.enum(API_TOKEN_DAYS.map(String) as [string, ...string[]], msg("api.error.days")),
});
