/** The pairing room Durable Object: its RPC table (who may call what, and which module does it), lifecycle. */
import type { Stage } from "../domain/room/stages";
import { agreementSigned, readAgreement, saveAgreement, shareAgreement, signAgreement } from "./agreement";
import { chatAfter, chatPage, postMessage, postSystemMessage } from "./chat";
import { acceptChatSocket, closeChatSocket, receiveChatFrame } from "./chat-socket";
import { answerCheckin, commentOnCheckin, openCheckin, readCheckin } from "./checkins";
import { importHistory, type RoomHistory } from "./demo-history";
import {
  addGoal,
  addNote,
  addResource,
  editGoal,
  editNote,
  goals,
  note,
  notes,
  removeGoal,
  removeNote,
  removeResource,
  resources,
} from "./goals-notes-links";
import {
  answerMeeting,
  cancelMeeting,
  editAgenda,
  meetings,
  proposeMeeting,
  recordOutcome,
  rescheduleMeeting,
  setVideoLink,
  suggestSlots,
} from "./meetings";
import { addFile, commentOnFile, file, files, removeFile } from "./files";
import { exportMember, forgetMember } from "./member-data-requests";
import { overview } from "./overview";
import { drainOutbox, retryDelay } from "./projection-outbox";
import { sendDueMail } from "./room-mail";
import { checkAccess, NO_PAIRING, openRoom } from "./room-access";
import { type RoomContext, refuse, roomContext } from "./room-context";
import { migrateRoom } from "./room-schema";
import { currentStage } from "./room-state";
import type { RoomActor, RoomResult } from "../domain/room/types";
import { type RpcEntry, RpcSurface, rpc } from "./rpc-surface";
import { attachJourney, changeStage, setRisk } from "./stage";
import { logEvent, scrubbedMessage } from "../observability/log";
import { deliverWebhooksSoon } from "../webhooks/deliveries";

/**
 * Every RPC of the room: who may call it (room-access.ts) and the function that does it, one module per concern. Each
 * becomes a method `name(actor, ...args)` on the room (rpc-surface.ts); the functions' doc comments say what they do.
 */
const RPC = {
  overview: rpc("members", overview),
  changeStage: rpc("members-coordinators-or-journey", changeStage),
  setRisk: rpc("members-coordinators-or-journey", setRisk),
  attachJourney: rpc("journey", attachJourney),
  agreement: rpc("members-or-coordinators", readAgreement),
  agreementSigned: rpc("members-coordinators-or-journey", agreementSigned),
  saveAgreement: rpc("members-while-open", saveAgreement),
  signAgreement: rpc("members-while-open", signAgreement),
  shareAgreement: rpc("members", shareAgreement),
  chatPage: rpc("members", chatPage),
  chatAfter: rpc("members", chatAfter),
  postMessage: rpc("members-while-open", postMessage),
  postSystemMessage: rpc("members-coordinators-or-journey", postSystemMessage),
  goals: rpc("members", goals),
  addGoal: rpc("members-while-open", addGoal),
  editGoal: rpc("members-while-open", editGoal),
  removeGoal: rpc("members-while-open", removeGoal),
  notes: rpc("members", notes),
  note: rpc("members", note),
  addNote: rpc("members-while-open", addNote),
  editNote: rpc("members-while-open", editNote),
  removeNote: rpc("members-while-open", removeNote),
  resources: rpc("members", resources),
  addResource: rpc("members-while-open", addResource),
  removeResource: rpc("members-while-open", removeResource),
  meetings: rpc("members", meetings),
  proposeMeeting: rpc("members-while-open", proposeMeeting),
  answerMeeting: rpc("members-while-open", answerMeeting),
  rescheduleMeeting: rpc("members-while-open", rescheduleMeeting),
  cancelMeeting: rpc("members-while-open", cancelMeeting),
  recordOutcome: rpc("members-while-open", recordOutcome),
  editAgenda: rpc("members-while-open", editAgenda),
  setVideoLink: rpc("members-while-open", setVideoLink),
  suggestSlots: rpc("members", suggestSlots),
  openCheckin: rpc("members-coordinators-or-journey", openCheckin),
  checkin: rpc("members-or-journey", readCheckin),
  answerCheckin: rpc("members", answerCheckin),
  commentOnCheckin: rpc("members", commentOnCheckin),
  files: rpc("members", files),
  file: rpc("members", file),
  addFile: rpc("members-while-open", addFile),
  removeFile: rpc("members-while-open", removeFile),
  commentOnFile: rpc("members-while-open", commentOnFile),
  exportMember: rpc("anyone", exportMember),
  forgetMember: rpc("anyone", forgetMember),
};

/** The names of the room's RPC methods that take an actor (every one of them runs the access check). */
export type RoomRpcName = keyof typeof RPC;

/**
 * One pairing's room: the single writer for that pairing. It checks who is asking on every call, keeps the private
 * content (chat, agreement, goals, notes, links, meetings, check-ins) in its own SQLite, serves live chat over
 * hibernating WebSockets, and projects summaries to D1 through an outbox that its alarm drains. Each change goes
 * through one write path (write-path.ts); the room's reads of D1 are in d1-lookups.ts.
 */
export class PairingRoom extends RpcSurface(RPC) {
  private readonly room: RoomContext;

  /** Creates or upgrades the room's tables before any call is served. */
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.room = roomContext(ctx, env);
    ctx.blockConcurrencyWhile(async () => migrateRoom(ctx.storage.sql));
  }

  /** The one access check, run before every RPC of the table: then the entry's function does the work. */
  protected override async serve(entry: RpcEntry, actor: RoomActor, args: unknown[]): Promise<RoomResult<unknown>> {
    const who = await checkAccess(this.room, actor, entry.access);
    return who.ok ? entry.run(this.room, who.value, ...(args as never[])) : who;
  }

  /** The pairing's current stage (not secret: D1's projection holds it too); "proposed" for an unknown pairing. */
  async stage(): Promise<Stage> {
    await openRoom(this.room);
    return currentStage(this.room.sql);
  }

  /**
   * A round trip for `/healthz` (worker/observability/health.ts): touches only this object's own SQLite, never opens a
   * pairing, so any caller may ask and learns nothing about one.
   */
  async ping(): Promise<"pong"> {
    this.ctx.storage.sql.exec("SELECT 1").one();
    return "pong";
  }

  /** Fills an empty room with its past (the demo seed only; see demo-history.ts). */
  async importHistory(history: RoomHistory): Promise<RoomResult<{ imported: boolean }>> {
    // Deployed bundles have no demo seed, so they leave this out too.
    return __TRELLIS_DEMO__ && (await openRoom(this.room))
      ? importHistory(this.room, history)
      : refuse(404, NO_PAIRING);
  }

  /** Runs the outbox now (tests and the demo seed use it to see D1 up to date). */
  async flushProjection(): Promise<{ applied: number; waiting: number; error: string | null }> {
    return this.drain();
  }

  /**
   * Drains the projection outbox to D1; what it wrote may have queued webhook deliveries (migration 0023's triggers),
   * which are then sent in the background rather than at the next 5-minute sweep.
   */
  private async drain(): Promise<{ applied: number; waiting: number; error: string | null }> {
    const result = await drainOutbox(this.room.sql, this.env);
    if (result.applied > 0) deliverWebhooksSoon(this.env, (p) => this.ctx.waitUntil(p));
    return result;
  }

  /** Accepts a member's chat socket; the worker has checked the session and passes who it is in headers. */
  override async fetch(request: Request): Promise<Response> {
    return acceptChatSocket(this.room, request);
  }

  /** A message from a chat socket: stored, then broadcast (chat-socket.ts). */
  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await receiveChatFrame(this.room, ws, data);
  }

  /** A chat socket closed. */
  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    closeChatSocket(ws, code);
  }

  /**
   * Drains the projection outbox to D1 (on failure, tries again later with growing delays), then writes the mail that
   * is due (chat-mail.ts, meeting-mail.ts), and wakes again for whichever comes first.
   */
  override async alarm(): Promise<void> {
    const result = await this.drain();
    const mailAt = await sendDueMail(this.room, Date.now());
    let next = mailAt;
    if (result.waiting > 0) {
      const attempts = this.room.sql.exec<{ a: number }>("SELECT coalesce(max(attempts), 1) AS a FROM outbox").one().a;
      if (result.error)
        logEvent({
          event: "room.projection",
          level: "warn",
          pairingId: this.ctx.id.name,
          attempt: attempts,
          count: result.waiting,
          outcome: "retry",
          error: scrubbedMessage(result.error),
        });
      const retry = Date.now() + (result.error ? retryDelay(attempts) : 0);
      next = next === null ? retry : Math.min(next, retry);
    }
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }
}
