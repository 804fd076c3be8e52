import { DurableObject } from "cloudflare:workers";

/**
 * One pairing's room: the single writer for that pairing's state and private content.
 * The Foundation keeps it minimal (a stage read back from SQLite storage); the pairing-room work fills it in.
 */
export class PairingRoom extends DurableObject<Env> {
  /** Creates the room's tables on first use. */
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS room_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  /** Returns the pairing's current stage ("proposed" until anything else is recorded). */
  async stage(): Promise<string> {
    const row = this.ctx.storage.sql.exec<{ value: string }>("SELECT value FROM room_state WHERE key = 'stage'").toArray()[0];
    return row?.value ?? "proposed";
  }
}
