/** Drizzle over the D1 binding. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** One client per D1 binding: building one walks the whole schema (drizzle's relational config), a cost per call. */
const clients = new WeakMap<D1Database, ReturnType<typeof create>>();

function create(binding: D1Database) {
  return drizzle(binding, { schema });
}

/** Returns the drizzle client for this D1 binding (made once per binding and isolate; it keeps no request state). */
export function db(env: Env) {
  let client = clients.get(env.DB);
  if (!client) {
    client = create(env.DB);
    clients.set(env.DB, client);
  }
  return client;
}

export type Db = ReturnType<typeof db>;
