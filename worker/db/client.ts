/** Drizzle over the D1 binding. */
import { drizzle } from "drizzle-orm/d1";

/**
 * One client per D1 binding and isolate (it keeps no request state). It is made without the schema: Trellis uses the
 * query builder on the tables it imports, never drizzle's relational queries (`db.query.*`), whose config walked the
 * whole schema and brought 1.3 KB gzip of code.
 */
const clients = new WeakMap<D1Database, ReturnType<typeof drizzle>>();

/** Returns the drizzle client for this D1 binding. */
export function db(env: Env) {
  let client = clients.get(env.DB);
  if (!client) {
    client = drizzle(env.DB);
    clients.set(env.DB, client);
  }
  return client;
}

export type Db = ReturnType<typeof db>;
