/** Drizzle over the D1 binding. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** Returns a drizzle client for this request's D1 binding. */
export function db(env: Env) {
  return drizzle(env.DB, { schema });
}

export type Db = ReturnType<typeof db>;
