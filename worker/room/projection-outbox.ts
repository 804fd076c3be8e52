/**
 * The room's projection to D1, through its outbox. A write queues, in its own transaction, what D1 must learn: a whole
 * snapshot (replacing any pending one), only the chat's activity (when nothing else changed), one row per stage change,
 * or an event for the journey. The alarm applies them; each D1 write is idempotent (see projection-statements.ts), so a
 * retry after a failure or a lost answer applies everything exactly once.
 */
import { buildChatActivity, buildSnapshot } from "./projection-snapshot";
import {
  chatActivityStatements,
  type StageChangeRow,
  snapshotStatements,
  stageChangeStatements,
} from "./projection-statements";
import { getNumber, getState, setState } from "./room-state";

/** One stage change, as D1 keeps it (demo-history.ts queues past ones). */
export type { StageChangeRow } from "./projection-statements";

/** What D1 must learn after a write: the pairing's whole summary, only its chat activity, or nothing. */
export type Projection = "summary" | "chat" | "nothing";

type OutboxRow = {
  key: string;
  kind: "snapshot" | "chat-activity" | "stage-change" | "journey-event";
  payload: string;
  version: number;
  attempts: number;
};

/** The next projection version (every queued snapshot or chat activity takes a new one). */
function nextVersion(sql: SqlStorage): number {
  const version = (getNumber(sql, "projection_version") ?? 0) + 1;
  setState(sql, "projection_version", version);
  return version;
}

/** Queues what a write changed: a snapshot, or chat activity (folded into a snapshot already waiting), or nothing. */
export function queueProjection(sql: SqlStorage, what: Projection): void {
  if (what === "summary") queueSnapshot(sql);
  else if (what === "chat") queueChatActivity(sql);
}

/** Marks the whole room changed under a new version; the snapshot itself is read when the outbox is drained. */
export function queueSnapshot(sql: SqlStorage): void {
  const version = nextVersion(sql);
  sql.exec(
    "INSERT INTO outbox (key, kind, payload, version) VALUES ('snapshot', 'snapshot', '', ?1) ON CONFLICT (key) DO UPDATE SET version = ?1, attempts = 0, last_error = ''",
    version,
  );
  // The snapshot carries the chat's counts too.
  sql.exec("DELETE FROM outbox WHERE key = 'chat-activity'");
}

/** Marks the chat changed; a snapshot still waiting will carry it (it is read when drained), so it just moves on. */
function queueChatActivity(sql: SqlStorage): void {
  if (sql.exec("SELECT 1 FROM outbox WHERE key = 'snapshot'").toArray().length > 0) {
    queueSnapshot(sql);
    return;
  }
  sql.exec(
    "INSERT INTO outbox (key, kind, payload, version) VALUES ('chat-activity', 'chat-activity', '', ?1) ON CONFLICT (key) DO UPDATE SET version = ?1, attempts = 0, last_error = ''",
    nextVersion(sql),
  );
}

/**
 * Queues an event for the pairing's journey Workflow (agreement signed, meeting held, check-in answered, stage
 * changed).
 */
export function queueJourneyEvent(sql: SqlStorage, type: string, payload: Record<string, unknown>, key: string): void {
  sql.exec(
    "INSERT OR IGNORE INTO outbox (key, kind, payload, version) VALUES (?, 'journey-event', ?, 0)",
    `event:${key}`,
    JSON.stringify({ type, payload }),
  );
}

/** Queues one stage change. */
export function queueStageChange(sql: SqlStorage, change: StageChangeRow): void {
  sql.exec(
    "INSERT OR IGNORE INTO outbox (key, kind, payload, version) VALUES (?, 'stage-change', ?, ?)",
    `stage:${change.seq}`,
    JSON.stringify(change),
    change.seq,
  );
}

/**
 * Makes sure the alarm will drain the outbox soon: now, unless an alarm is already due (an alarm set for later, such
 * as a chat mail's quiet period, is brought forward; the alarm sets the later time again when it has run).
 */
export function scheduleDrain(state: DurableObjectState): void {
  state.waitUntil(
    (async () => {
      const now = Date.now();
      const at = await state.storage.getAlarm();
      if (at === null || at > now) await state.storage.setAlarm(now);
    })(),
  );
}

/**
 * Sends one event to the journey, once it has introduced itself to the room (before that nobody listens: it reads state
 * on start).
 */
async function sendJourneyEvent(env: Env, sql: SqlStorage, row: OutboxRow): Promise<void> {
  if (getState(sql, "journey") !== "1") return;
  const event = JSON.parse(row.payload) as { type: string; payload: Record<string, unknown> };
  const instance = await env.JOURNEY.get(getState(sql, "pairing_id") ?? "");
  await instance.sendEvent(event);
}

/** The row's current version (a newer write may have bumped it since it was listed) and its D1 statements. */
function currentStatements(
  env: Env,
  sql: SqlStorage,
  row: OutboxRow,
): { version: number; statements: D1PreparedStatement[] } {
  if (row.kind === "stage-change")
    return { version: row.version, statements: stageChangeStatements(env, JSON.parse(row.payload) as StageChangeRow) };
  // Read synchronously with the row's version: nothing can change the room between these two reads.
  const version = sql.exec<{ version: number }>("SELECT version FROM outbox WHERE key = ?", row.key).one().version;
  return {
    version,
    statements:
      row.kind === "snapshot"
        ? snapshotStatements(env, buildSnapshot(sql), version)
        : chatActivityStatements(env, buildChatActivity(sql), version),
  };
}

/** Applies every queued row to D1, oldest stage change first; returns how many rows are still waiting (failed). */
export async function drainOutbox(
  sql: SqlStorage,
  env: Env,
): Promise<{ applied: number; waiting: number; error: string | null }> {
  // Stage changes first, then the snapshot or chat activity, then journey events (so the journey reads D1 up to date).
  const order = "CASE kind WHEN 'stage-change' THEN 0 WHEN 'snapshot' THEN 1 WHEN 'chat-activity' THEN 2 ELSE 3 END";
  const rows = sql
    .exec<OutboxRow>(`SELECT key, kind, payload, version, attempts FROM outbox ORDER BY ${order}, version, rowid`)
    .toArray();
  let applied = 0;
  for (const row of rows) {
    // A snapshot queued while an earlier row waited for D1 removes the chat activity listed with it: skip it.
    if (sql.exec("SELECT 1 FROM outbox WHERE key = ?", row.key).toArray().length === 0) continue;
    try {
      if (row.kind === "journey-event") await sendJourneyEvent(env, sql, row);
      else {
        const pending = currentStatements(env, sql, row);
        row.version = pending.version;
        await env.DB.batch(pending.statements);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      sql.exec(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE key = ?",
        message.slice(0, 500),
        row.key,
      );
      return { applied, waiting: rows.length - applied, error: message };
    }
    // A newer snapshot may have replaced this one while D1 answered: only remove the version that was applied.
    sql.exec("DELETE FROM outbox WHERE key = ? AND version = ?", row.key, row.version);
    applied++;
  }
  const waiting = sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  return { applied, waiting, error: null };
}

/** How long to wait before retrying after `attempts` failures: 1 s, 2 s, 4 s … at most 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
}
