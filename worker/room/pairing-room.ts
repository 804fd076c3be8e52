import { DurableObject } from "cloudflare:workers";
import { parseTerms, sameTerms } from "../domain/room/agreement";
import { checkBody, rateLimited, rateLimitMessage, validClientId } from "../domain/room/chat";
import { checkAnswer, COMMENT_MAX } from "../domain/journey/checkin-answers";
import { GOAL_LIMITS, parseGoal } from "../domain/room/goals";
import { NOTE_LIMITS, NOTE_TEMPLATES, isTemplate, parseNote } from "../domain/room/notes";
import { RESOURCE_LIMITS, checkLink, parseResource } from "../domain/room/resources";
import { occurrences } from "../domain/meetings/recurrence";
import { suggestSlots } from "../domain/meetings/slots";
import { slotList } from "../db/json-columns";
import {
  type StageAction,
  type StageActor,
  availableActions,
  changeStage,
  isFinal,
  pairingIs,
  STAGE_LABELS,
  type Stage,
} from "../domain/room/stages";
import { newId } from "../domain/tokens";
import { currentAgreement, saveTerms, sign } from "./agreement-store";
import { findSent, insertMessage, markRead, messagesAfter, pageOf, recentSendTimes } from "./chat-store";
import { deleteGoal, insertGoal, listGoals, updateGoal } from "./goals-store";
import { deleteNote, getNote, insertNote, listNotes, updateNote } from "./notes-store";
import { applyHistory, type RoomHistory, roomIsEmpty } from "./history";
import { drainOutbox, queueJourneyEvent, queueSnapshot, queueStageChange, retryDelay, unreadFor } from "./projection";
import { getCheckin, openCheckin, type RoomCheckin, setAnswer, setComment } from "./checkins-store";
import { deleteResource, insertResource, listResources } from "./resources-store";
import {
  answerMeeting,
  cancelMeeting,
  editAgenda,
  type MeetingContext,
  proposeMeeting,
  recordOutcome,
  rescheduleMeeting,
} from "./meeting-actions";
import { listMeetings } from "./meetings-store";
import {
  exportMemberData,
  forgetMemberData,
  type ForgetReport,
  LEFT_TRELLIS_REASON,
  type MemberExport,
} from "./member-data";
import { migrateRoom } from "./room-schema";
import { currentStage, getNumber, getState, isMember, membersOf, readSeed, setState, storeSeed } from "./room-state";
import type {
  AgreementView,
  ChatMessage,
  ChatPage,
  Goal,
  Meeting,
  Note,
  Resource,
  RoomActor,
  RoomError,
  RoomOverview,
  RoomResult,
} from "../domain/room/types";
import { broadcastMessage, type SocketInfo } from "./sockets";

const DEFAULT_RATE_PER_MINUTE = 20;

const refuse = (status: RoomError["status"], error: string, errors?: Record<string, string>): RoomError => ({
  ok: false,
  status,
  error,
  ...(errors ? { errors } : {}),
});
const ok = <T>(value: T): RoomResult<T> => ({ ok: true, value });

/**
 * One pairing's room: the single writer for that pairing. It checks who is asking on every call, validates every
 * change, keeps the private content (chat, agreement, goals, notes, resources) in its own SQLite, serves live chat over
 * hibernating WebSockets, and projects summaries to D1 through an outbox that its alarm drains.
 */
export class PairingRoom extends DurableObject<Env> {
  private sql: SqlStorage;
  private names: Record<string, string> | null = null;

  /** Creates or upgrades the room's tables before any call is served. */
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateRoom(this.sql));
  }

  /** The pairing's current stage (not secret: D1's projection holds it too); "proposed" for an unknown pairing. */
  async stage(pairingId: string): Promise<Stage> {
    await this.open(pairingId);
    return currentStage(this.sql);
  }

  /** The overview a member sees on the pairing's page. */
  async overview(pairingId: string, actor: RoomActor): Promise<RoomResult<RoomOverview>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const members = membersOf(this.sql);
    const agreement = currentAgreement(
      this.sql,
      members.map((m) => m.personId),
    );
    const lastRead = this.sql
      .exec<{ r: number }>("SELECT last_read_seq AS r FROM members WHERE person_id = ?", who.value)
      .one().r;
    const count = (table: string) => this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
    return ok({
      pairingId,
      programId: getState(this.sql, "program_id") ?? "",
      stage: currentStage(this.sql),
      pausedFrom: (getState(this.sql, "paused_from") as Stage | null) ?? null,
      stageReason: getState(this.sql, "stage_reason") ?? "",
      members,
      actions: availableActions(this.stageState(), "member"),
      agreement: {
        version: agreement.version,
        signedBy: agreement.signatures.map((s) => s.personId),
        signedByAll: agreement.signedByAll,
        shared: agreement.sharedWithCoordinators,
      },
      unread: unreadFor(this.sql, who.value, lastRead),
      lastActivityAt: getNumber(this.sql, "last_activity_at"),
      counts: {
        goals: count("goals"),
        notes: count("notes"),
        resources: count("resources"),
        messages: count("messages"),
      },
    });
  }

  /** Moves the pairing to another stage, if the stage machine allows it for this actor. */
  async changeStage(
    pairingId: string,
    actor: RoomActor,
    action: StageAction,
    reason = "",
  ): Promise<RoomResult<{ stage: Stage }>> {
    const who = await this.anyActor(pairingId, actor);
    if (!who.ok) return who;
    const result = this.ctx.storage.transactionSync(() =>
      this.applyStage(action, who.value.kind, who.value.id, reason),
    );
    if (!result.ok) return result;
    this.afterWrite();
    return ok({ stage: result.value });
  }

  /** The agreement, for a member (or for a coordinator once a member has shared it). */
  async agreement(pairingId: string, actor: RoomActor): Promise<RoomResult<AgreementView>> {
    if (actor.kind === "coordinator") {
      const who = await this.anyActor(pairingId, actor);
      if (!who.ok) return who;
      const view = currentAgreement(
        this.sql,
        membersOf(this.sql).map((m) => m.personId),
      );
      return view.sharedWithCoordinators
        ? ok(view)
        : refuse(403, "The members have not shared their agreement with coordinators.");
    }
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    return ok(
      currentAgreement(
        this.sql,
        membersOf(this.sql).map((m) => m.personId),
      ),
    );
  }

  /** Saves new agreement terms as a new version (everyone signs again); unchanged terms change nothing. */
  async saveAgreement(
    pairingId: string,
    actor: RoomActor,
    values: Record<string, string>,
    channels: string[],
    baseVersion: number,
  ): Promise<RoomResult<{ version: number; changed: boolean }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const parsed = parseTerms(values, channels);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    const current = currentAgreement(
      this.sql,
      membersOf(this.sql).map((m) => m.personId),
    );
    if (current.version !== 0 && sameTerms(current.terms, parsed.terms))
      return ok({ version: current.version, changed: false });
    if (current.version !== baseVersion) {
      return refuse(
        409,
        "Someone changed the agreement while you were editing it. Your text is kept below; check the current version before saving again.",
      );
    }
    const now = Date.now();
    const version = this.ctx.storage.transactionSync(() => {
      const v = saveTerms(this.sql, parsed.terms, who.value, now);
      sign(this.sql, who.value, v, now);
      this.touch(now);
      if (current.version > 0)
        this.systemNote(
          `${this.nameOf(who.value)} changed the agreement: everyone needs to sign version ${v}.`,
          `agreement-${v}`,
          now,
        );
      return v;
    });
    this.afterWrite();
    return ok({ version, changed: true });
  }

  /** Signs the given version of the agreement; when everyone has signed, onboarding moves on to active. */
  async signAgreement(
    pairingId: string,
    actor: RoomActor,
    version: number,
  ): Promise<RoomResult<{ signedByAll: boolean; stage: Stage }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const ids = membersOf(this.sql).map((m) => m.personId);
    const current = currentAgreement(this.sql, ids);
    if (current.version === 0) return refuse(409, "There is no agreement to sign yet: write it first.");
    if (current.version !== version)
      return refuse(409, `The agreement changed (it is now version ${current.version}). Read it again, then sign.`);
    const now = Date.now();
    const result = this.ctx.storage.transactionSync(() => {
      sign(this.sql, who.value, version, now);
      this.touch(now);
      const after = currentAgreement(this.sql, ids);
      if (after.signedByAll && currentStage(this.sql) === "onboarding")
        this.applyStage("activate", "journey", who.value, "Everyone signed the agreement.");
      if (after.signedByAll) queueJourneyEvent(this.sql, "agreement-signed", { version }, `agreement:${version}`);
      return { signedByAll: after.signedByAll, stage: currentStage(this.sql) };
    });
    this.afterWrite();
    return ok(result);
  }

  /** Lets a member share (or stop sharing) the agreement's text with the program's coordinators. */
  async shareAgreement(pairingId: string, actor: RoomActor, shared: boolean): Promise<RoomResult<{ shared: boolean }>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    setState(this.sql, "agreement_shared", shared ? "1" : "0");
    return ok({ shared });
  }

  /** A page of chat (the newest unless `before` is given); reading the newest page marks it read. */
  async chatPage(pairingId: string, actor: RoomActor, before: number | null): Promise<RoomResult<ChatPage>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const page = pageOf(this.sql, before);
    if (before === null) this.read(who.value, page.lastSeq);
    return ok(page);
  }

  /** Messages after `after`, for a page that polls; they count as read. */
  async chatAfter(pairingId: string, actor: RoomActor, after: number): Promise<RoomResult<ChatPage>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const messages = messagesAfter(this.sql, after);
    const last = messages.at(-1)?.seq ?? after;
    this.read(who.value, last);
    return ok({ messages, earlierBefore: null, lastSeq: last });
  }

  /** Stores a member's message (once per client id), then sends it to every open socket. */
  async postMessage(
    pairingId: string,
    actor: RoomActor,
    clientId: string,
    body: string,
  ): Promise<RoomResult<{ message: ChatMessage; duplicate: boolean }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    return this.storeMessage(who.value, clientId, body);
  }

  /** Posts a message from the journey or a coordinator into the chat (once per key). */
  async postSystemMessage(
    pairingId: string,
    actor: RoomActor,
    key: string,
    body: string,
  ): Promise<RoomResult<{ message: ChatMessage }>> {
    if (actor.kind === "member") return refuse(403, "Members write messages themselves.");
    const who = await this.anyActor(pairingId, actor);
    if (!who.ok) return who;
    const checked = checkBody(body);
    if (!checked.ok) return refuse(422, checked.error, { body: checked.error });
    if (!validClientId(key)) return refuse(422, "The message key is not valid.");
    const source = actor.kind;
    const authorKey = `system:${source}`;
    const existing = findSent(this.sql, authorKey, key);
    if (existing) return ok({ message: existing });
    const stage = currentStage(this.sql);
    if (source === "coordinator" && isFinal(stage))
      return refuse(409, `${pairingIs(stage)}: its members no longer read new messages here.`);
    const now = Date.now();
    const message = this.ctx.storage.transactionSync(() =>
      insertMessage(this.sql, { authorKey, clientId: key, authorId: null, source, body: checked.body, now }),
    );
    this.afterWrite();
    await this.broadcast(message);
    return ok({ message });
  }

  /** The pairing's goals. */
  async goals(pairingId: string, actor: RoomActor): Promise<RoomResult<Goal[]>> {
    const who = await this.member(pairingId, actor);
    return who.ok ? ok(listGoals(this.sql)) : who;
  }

  /** Adds a goal from form values. */
  async addGoal(
    pairingId: string,
    actor: RoomActor,
    values: Record<string, string>,
  ): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const parsed = parseGoal(values);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    if (listGoals(this.sql).length >= GOAL_LIMITS.count)
      return refuse(422, `A pairing can keep up to ${GOAL_LIMITS.count} goals; drop or delete one first.`);
    const id = newId();
    this.write(() => insertGoal(this.sql, id, parsed.goal, who.value, Date.now()));
    return ok({ id });
  }

  /** Changes a goal from form values. */
  async editGoal(
    pairingId: string,
    actor: RoomActor,
    goalId: string,
    values: Record<string, string>,
  ): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const parsed = parseGoal(values);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    const found = this.write(() => updateGoal(this.sql, goalId, parsed.goal, Date.now()));
    return found ? ok({ id: goalId }) : refuse(404, "That goal no longer exists.");
  }

  /** Deletes a goal. */
  async removeGoal(pairingId: string, actor: RoomActor, goalId: string): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    return this.write(() => deleteGoal(this.sql, goalId))
      ? ok({ id: goalId })
      : refuse(404, "That goal no longer exists.");
  }

  /** The pairing's notes, most recently changed first. */
  async notes(pairingId: string, actor: RoomActor): Promise<RoomResult<Note[]>> {
    const who = await this.member(pairingId, actor);
    return who.ok ? ok(listNotes(this.sql)) : who;
  }

  /** One note. */
  async note(pairingId: string, actor: RoomActor, noteId: string): Promise<RoomResult<Note>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const note = getNote(this.sql, noteId);
    return note ? ok(note) : refuse(404, "That note no longer exists.");
  }

  /** Adds a note from form values; an empty body starts from the chosen agenda template. */
  async addNote(
    pairingId: string,
    actor: RoomActor,
    values: Record<string, string>,
    template: string,
  ): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const t = isTemplate(template) ? NOTE_TEMPLATES[template] : NOTE_TEMPLATES.blank;
    const filled = {
      title: (values.title ?? "").trim() || t.title,
      body: (values.body ?? "").trim() ? (values.body ?? "") : t.body,
    };
    const parsed = parseNote(filled);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    if (listNotes(this.sql).length >= NOTE_LIMITS.count)
      return refuse(422, `A pairing can keep up to ${NOTE_LIMITS.count} notes; delete an old one first.`);
    const id = newId();
    this.write(() => insertNote(this.sql, id, parsed.note, who.value, Date.now()));
    return ok({ id });
  }

  /** Saves a note if nobody changed it since `baseVersion`. */
  async editNote(
    pairingId: string,
    actor: RoomActor,
    noteId: string,
    values: Record<string, string>,
    baseVersion: number,
  ): Promise<RoomResult<{ id: string; version: number }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const parsed = parseNote(values);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    const current = getNote(this.sql, noteId);
    if (!current) return refuse(404, "That note no longer exists.");
    if (current.version !== baseVersion) {
      return refuse(
        409,
        `${this.nameOf(current.updatedBy)} changed this note while you were editing it. Your text is kept below; copy what you need into the current version.`,
      );
    }
    this.write(() => updateNote(this.sql, noteId, parsed.note, baseVersion, who.value, Date.now()));
    return ok({ id: noteId, version: baseVersion + 1 });
  }

  /** Deletes a note. */
  async removeNote(pairingId: string, actor: RoomActor, noteId: string): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    return this.write(() => deleteNote(this.sql, noteId))
      ? ok({ id: noteId })
      : refuse(404, "That note no longer exists.");
  }

  /** The pairing's shared links, newest first. */
  async resources(pairingId: string, actor: RoomActor): Promise<RoomResult<Resource[]>> {
    const who = await this.member(pairingId, actor);
    return who.ok ? ok(listResources(this.sql)) : who;
  }

  /** Shares a link from form values. */
  async addResource(
    pairingId: string,
    actor: RoomActor,
    values: Record<string, string>,
  ): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const parsed = parseResource(values);
    if (!parsed.ok) return refuse(422, "Please fix the fields marked below.", parsed.errors);
    if (listResources(this.sql).length >= RESOURCE_LIMITS.count)
      return refuse(422, `A pairing can keep up to ${RESOURCE_LIMITS.count} links; remove one first.`);
    const id = newId();
    this.write(() => insertResource(this.sql, id, parsed.resource, who.value, Date.now()));
    return ok({ id });
  }

  /** Removes a shared link. */
  async removeResource(pairingId: string, actor: RoomActor, resourceId: string): Promise<RoomResult<{ id: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    return this.write(() => deleteResource(this.sql, resourceId))
      ? ok({ id: resourceId })
      : refuse(404, "That link is no longer shared.");
  }

  /** The pairing's meetings, and its default video link (made on first use from VIDEO_BASE_URL). */
  async meetings(pairingId: string, actor: RoomActor): Promise<RoomResult<{ meetings: Meeting[]; videoUrl: string }>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    return ok({ meetings: listMeetings(this.sql), videoUrl: this.videoLink() });
  }

  /** Proposes a meeting typed in the proposer's zone; the others are asked to accept. */
  async proposeMeeting(
    pairingId: string,
    actor: RoomActor,
    values: Record<string, string>,
    timeZone: string,
  ): Promise<RoomResult<{ id: string; notice: string | null }>> {
    const withLink =
      values.kind === "video" && !(values.videoUrl ?? "").trim() ? { ...values, videoUrl: this.videoLink() } : values;
    return this.meetingWrite(
      pairingId,
      actor,
      (ctx) => proposeMeeting(ctx, withLink, timeZone),
      (r, name) => [`${name} proposed a meeting.`, `meeting-${r.id}-proposed`],
    );
  }

  /** Accepts or declines a proposed meeting. */
  async answerMeeting(
    pairingId: string,
    actor: RoomActor,
    meetingId: string,
    answer: string,
  ): Promise<RoomResult<{ status: string }>> {
    return this.meetingWrite(
      pairingId,
      actor,
      (ctx) => answerMeeting(ctx, meetingId, answer),
      (r, name) =>
        r.status === "proposed"
          ? null
          : [
              `${name} ${r.status === "confirmed" ? "accepted: the meeting is confirmed" : "declined the proposed meeting"}.`,
              `meeting-${meetingId}-${r.status}`,
            ],
    );
  }

  /** Moves one occurrence or the whole series (times typed in the mover's zone). */
  async rescheduleMeeting(
    pairingId: string,
    actor: RoomActor,
    meetingId: string,
    values: Record<string, string>,
    timeZone: string,
  ): Promise<RoomResult<{ notice: string | null }>> {
    return this.meetingWrite(
      pairingId,
      actor,
      (ctx) => rescheduleMeeting(ctx, meetingId, values, timeZone),
      (_r, name) => [
        `${name} moved ${values.scope === "one" ? "one meeting of a series" : "a meeting"}.`,
        `meeting-${meetingId}-moved-${Date.now()}`,
      ],
    );
  }

  /** Cancels one occurrence of a series, or the whole meeting. */
  async cancelMeeting(
    pairingId: string,
    actor: RoomActor,
    meetingId: string,
    scope: string,
    recurrenceId: string,
  ): Promise<RoomResult<{ id: string }>> {
    return this.meetingWrite(
      pairingId,
      actor,
      (ctx) => cancelMeeting(ctx, meetingId, scope, recurrenceId),
      (_r, name) => [
        `${name} cancelled ${scope === "one" ? "one meeting of a series" : "a meeting"}.`,
        `meeting-${meetingId}-cancelled-${Date.now()}`,
      ],
    );
  }

  /** Marks a meeting that has started as held or missed, with notes. */
  async recordOutcome(
    pairingId: string,
    actor: RoomActor,
    meetingId: string,
    recurrenceId: string,
    outcome: string,
    notes: string,
  ): Promise<RoomResult<{ id: string }>> {
    return this.meetingWrite(pairingId, actor, (ctx) => {
      const r = recordOutcome(ctx, meetingId, recurrenceId, outcome, notes);
      if (r.ok && outcome === "held")
        queueJourneyEvent(this.sql, "meeting-held", { meetingId, recurrenceId }, `held:${meetingId}:${recurrenceId}`);
      return r;
    });
  }

  /** Replaces a meeting's agenda. */
  async editAgenda(
    pairingId: string,
    actor: RoomActor,
    meetingId: string,
    agenda: string,
  ): Promise<RoomResult<{ id: string }>> {
    return this.meetingWrite(pairingId, actor, (ctx) => editAgenda(ctx, meetingId, agenda));
  }

  /** Sets the pairing's default video link (a link the members paste), or resets it to a generated one when empty. */
  async setVideoLink(pairingId: string, actor: RoomActor, url: string): Promise<RoomResult<{ videoUrl: string }>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    if (!url.trim()) {
      setState(this.sql, "video_url", null);
      return ok({ videoUrl: this.videoLink() });
    }
    const link = checkLink(url);
    if (!link.ok) return refuse(422, link.error, { videoUrl: link.error });
    setState(this.sql, "video_url", link.url);
    return ok({ videoUrl: link.url });
  }

  /** Up to five times in the next 14 days when every member is free and inside their contact hours, not clashing with meetings. */
  async suggestSlots(pairingId: string, actor: RoomActor, durationMinutes: number): Promise<RoomResult<number[]>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const ids = membersOf(this.sql).map((m) => m.personId);
    const rows = await this.env.DB.prepare(
      "SELECT time_zone, availability, contact_start, contact_end FROM people WHERE id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(ids))
      .all<{ time_zone: string; availability: string; contact_start: number; contact_end: number }>();
    const now = Date.now();
    const busy = listMeetings(this.sql)
      .filter((m) => m.status === "proposed" || m.status === "confirmed")
      .flatMap((m) => occurrences(m.schedule, m.changes).filter((o) => !o.cancelled))
      .map((o) => ({ start: o.start, end: o.end }));
    const people = rows.results.map((r) => ({
      timeZone: r.time_zone,
      availability: slotList(r.availability),
      contactStart: r.contact_start,
      contactEnd: r.contact_end,
    }));
    return ok(suggestSlots(people, busy, now, Math.max(15, Math.min(240, durationMinutes))));
  }

  /** Opens the check-in of a milestone (once: calling again returns the same one). The journey or a coordinator opens them. */
  async openCheckin(
    pairingId: string,
    actor: RoomActor,
    milestone: string,
    opensAt: number,
    closesAt: number,
  ): Promise<RoomResult<{ id: string; created: boolean }>> {
    const who = await this.anyActor(pairingId, actor);
    if (!who.ok) return who;
    if (who.value.kind === "member") return refuse(403, "Check-ins are opened by the journey.");
    if (closesAt <= opensAt) return refuse(422, "A check-in must close after it opens.");
    const result = this.ctx.storage.transactionSync(() => openCheckin(this.sql, newId(), milestone, opensAt, closesAt));
    if (result.created) this.afterWrite();
    return ok(result);
  }

  /** A check-in with the answers so far, for one member (the email-link page) or the journey. */
  async checkin(pairingId: string, actor: RoomActor, checkinId: string): Promise<RoomResult<RoomCheckin>> {
    const who = actor.kind === "journey" ? await this.anyActor(pairingId, actor) : await this.member(pairingId, actor);
    if (!who.ok) return who;
    const found = getCheckin(this.sql, checkinId);
    if (!found) return refuse(404, "This check-in does not exist.");
    return ok(
      actor.kind === "member"
        ? { ...found, answers: found.answers.filter((a) => a.personId === actor.personId) }
        : found,
    );
  }

  /** A member answers a check-in (changeable until it closes); "struggling" flags the pairing for the coordinator. */
  async answerCheckin(
    pairingId: string,
    actor: RoomActor,
    checkinId: string,
    answer: string,
    comment: string,
  ): Promise<RoomResult<{ answer: string }>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const found = getCheckin(this.sql, checkinId);
    if (!found) return refuse(404, "This check-in does not exist.");
    const now = Date.now();
    if (now >= found.closesAt) return refuse(409, "This check-in has closed; the next one will come by email.");
    const checked = checkAnswer(answer, comment);
    if (!checked.ok) return refuse(422, checked.error, { answer: checked.error });
    this.ctx.storage.transactionSync(() => {
      setAnswer(this.sql, checkinId, who.value, checked.answer, checked.comment, now);
      if (checked.answer === "struggling")
        this.setRiskState(`${this.nameOf(who.value)} answered "Struggling" to a check-in.`, now);
      queueJourneyEvent(
        this.sql,
        "checkin-answered",
        { checkinId, personId: who.value, answer: checked.answer },
        `answer:${checkinId}:${who.value}:${now}`,
      );
    });
    this.afterWrite();
    return ok({ answer: checked.answer });
  }

  /** Adds a member's comment to a check-in (e.g. a reply to its email) without changing their answer. */
  async commentOnCheckin(
    pairingId: string,
    actor: RoomActor,
    checkinId: string,
    comment: string,
  ): Promise<RoomResult<{ id: string }>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const found = getCheckin(this.sql, checkinId);
    if (!found) return refuse(404, "This check-in does not exist.");
    const text = comment.replace(/\r\n/g, "\n").trim();
    if (!text) return refuse(422, "The comment is empty.");
    if (text.length > COMMENT_MAX) return refuse(422, `Comments can be up to ${COMMENT_MAX} characters.`);
    this.write(() => setComment(this.sql, checkinId, who.value, text, Date.now()));
    return ok({ id: checkinId });
  }

  /** Flags the pairing at risk with a reason, or clears the flag (null); the journey and coordinators do this. */
  async setRisk(
    pairingId: string,
    actor: RoomActor,
    reason: string | null,
  ): Promise<RoomResult<{ reason: string | null }>> {
    const who = await this.anyActor(pairingId, actor);
    if (!who.ok) return who;
    if (who.value.kind === "member") return refuse(403, "Only the journey and coordinators flag pairings.");
    this.ctx.storage.transactionSync(() => this.setRiskState(reason, Date.now()));
    this.afterWrite();
    return ok({ reason });
  }

  /** The journey introduces itself: from now on the room sends it events. Answers where the pairing stands. */
  async attachJourney(pairingId: string, actor: RoomActor): Promise<RoomResult<{ stage: Stage; createdAt: number }>> {
    if (actor.kind !== "journey") return refuse(403, "Only the pairing's journey attaches itself.");
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    setState(this.sql, "journey", "1");
    return ok({ stage: currentStage(this.sql), createdAt: getNumber(this.sql, "created_at") ?? Date.now() });
  }

  /** Whether the agreement is signed by everyone (for the journey). */
  async agreementSigned(pairingId: string, actor: RoomActor): Promise<RoomResult<boolean>> {
    const who = await this.anyActor(pairingId, actor);
    if (!who.ok) return who;
    return ok(
      currentAgreement(
        this.sql,
        membersOf(this.sql).map((m) => m.personId),
      ).signedByAll,
    );
  }

  /** Accepts a member's chat socket; the worker has checked the session and passes who it is in headers. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket")
      return new Response("Expected a WebSocket", { status: 426 });
    const pairingId = request.headers.get("X-Trellis-Pairing") ?? "";
    const personId = request.headers.get("X-Trellis-Person") ?? "";
    const who = await this.member(pairingId, { kind: "member", personId });
    if (!who.ok) return new Response(who.error, { status: who.status });
    const pair = new WebSocketPair();
    const info: SocketInfo = { personId, pairingId, timeZone: request.headers.get("X-Trellis-Zone") || "UTC" };
    this.ctx.acceptWebSocket(pair[1], [personId]);
    pair[1].serializeAttachment(info);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** A message from a socket: `{ body, client_id }` (what htmx's hx-ws:send sends). Stored, then broadcast. */
  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const info = ws.deserializeAttachment() as SocketInfo | null;
    if (!info || !isMember(this.sql, info.personId)) {
      ws.close(4403, "Not a member of this pairing");
      return;
    }
    let input: { body?: unknown; client_id?: unknown };
    try {
      input = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)) as typeof input;
    } catch {
      input = null as unknown as typeof input;
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      ws.send(JSON.stringify({ type: "error", error: "Messages must be JSON." }));
      return;
    }
    if (this.readOnlyReason()) {
      ws.send(JSON.stringify({ type: "error", client_id: input.client_id, error: this.readOnlyReason() }));
      return;
    }
    const result = this.storeMessageSync(info.personId, input.client_id, input.body);
    if (!result.ok) {
      ws.send(JSON.stringify({ type: "error", client_id: input.client_id, error: result.error }));
      return;
    }
    if (!result.value.duplicate) this.afterWrite();
    await this.broadcast(result.value.message);
  }

  /** A socket closed: close our side too (codes 1005/1006 cannot be sent back). */
  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closed");
    } catch {
      // already closed
    }
  }

  /** Drains the projection outbox to D1; on failure, tries again later with growing delays. */
  override async alarm(): Promise<void> {
    const result = await drainOutbox(this.sql, this.env);
    if (result.waiting > 0) {
      const attempts = this.sql.exec<{ a: number }>("SELECT coalesce(max(attempts), 1) AS a FROM outbox").one().a;
      if (result.error) console.warn(`pairing room projection failed (attempt ${attempts}): ${result.error}`);
      await this.ctx.storage.setAlarm(Date.now() + (result.error ? retryDelay(attempts) : 0));
    }
  }

  /** What this room holds that the member wrote or did, for their own data download (only they may ask). */
  async exportMember(pairingId: string, actor: RoomActor, personId: string): Promise<RoomResult<MemberExport>> {
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    if (actor.kind !== "member" || actor.personId !== personId)
      return refuse(403, "Only the person themselves can download their data.");
    return ok(exportMemberData(this.sql, personId));
  }

  /** Forgets a member who deleted their data (see member-data.ts), then projects the result to D1 at once. Idempotent. */
  async forgetMember(pairingId: string, actor: RoomActor, personId: string): Promise<RoomResult<ForgetReport>> {
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    if (actor.kind !== "member" || actor.personId !== personId)
      return refuse(403, "Only the person themselves can delete their data.");
    const identity = await this.env.DB.prepare("SELECT name, email FROM people WHERE id = ?1 AND deleted_at IS NULL")
      .bind(personId)
      .first<{ name: string; email: string }>();
    this.names = null;
    const report = this.ctx.storage.transactionSync(() =>
      forgetMemberData(this.sql, personId, identity, () =>
        this.applyStage("end", "member", personId, LEFT_TRELLIS_REASON),
      ),
    );
    this.names = null;
    this.afterWrite();
    await drainOutbox(this.sql, this.env);
    return ok(report);
  }

  /** Fills an empty room with its past (the demo seed); a room with content is left as it is. */
  async importHistory(pairingId: string, history: RoomHistory): Promise<RoomResult<{ imported: boolean }>> {
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    if (!roomIsEmpty(this.sql)) return ok({ imported: false });
    this.ctx.storage.transactionSync(() => {
      const latest = applyHistory(this.sql, history);
      if (latest > (getNumber(this.sql, "last_activity_at") ?? 0)) this.touch(latest);
    });
    this.afterWrite();
    return ok({ imported: true });
  }

  /** Runs the outbox now (tests and the demo seed use it to see D1 up to date). */
  async flushProjection(): Promise<{ applied: number; waiting: number; error: string | null }> {
    return drainOutbox(this.sql, this.env);
  }

  // --- internals -------------------------------------------------------------------------------------------------

  /** Opens the room for `pairingId` (reading it from D1 the first time); false when it does not exist here. */
  private async open(pairingId: string): Promise<boolean> {
    const known = getState(this.sql, "pairing_id");
    if (known) {
      if (known === pairingId && !this.names) await this.displayNames();
      return known === pairingId;
    }
    if (!pairingId) return false;
    const seed = await readSeed(this.env, pairingId);
    if (!seed) return false;
    if (!getState(this.sql, "pairing_id")) storeSeed(this.sql, seed);
    await this.displayNames();
    return getState(this.sql, "pairing_id") === pairingId;
  }

  /** Lets members of this pairing through (coordinators never see content); answers the member's id. */
  private async member(pairingId: string, actor: RoomActor): Promise<RoomResult<string>> {
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    if (actor.kind !== "member")
      return refuse(403, "Only the pairing's members can see its conversation, agreement, goals, notes and links.");
    if (!isMember(this.sql, actor.personId)) return refuse(403, "You are not a member of this pairing.");
    return ok(actor.personId);
  }

  /** Like `member`, and the pairing must still be open for changes. */
  private async writer(pairingId: string, actor: RoomActor): Promise<RoomResult<string>> {
    const who = await this.member(pairingId, actor);
    if (!who.ok) return who;
    const reason = this.readOnlyReason();
    return reason ? refuse(409, reason) : who;
  }

  /** Lets through a member, a coordinator of the pairing's program (checked in D1), or the journey. */
  private async anyActor(pairingId: string, actor: RoomActor): Promise<RoomResult<{ kind: StageActor; id: string }>> {
    if (!(await this.open(pairingId))) return refuse(404, "This pairing does not exist.");
    if (actor.kind === "journey") return ok({ kind: "journey", id: "journey" });
    if (actor.kind === "member")
      return isMember(this.sql, actor.personId)
        ? ok({ kind: "member", id: actor.personId })
        : refuse(403, "You are not a member of this pairing.");
    const row = await this.env.DB.prepare(
      "SELECT 1 AS ok FROM memberships WHERE program_id = ?1 AND person_id = ?2 AND role = 'coordinator' AND status = 'active'",
    )
      .bind(getState(this.sql, "program_id"), actor.personId)
      .first();
    return row
      ? ok({ kind: "coordinator", id: actor.personId })
      : refuse(403, "Only this program's coordinators can do that.");
  }

  /** Why nothing can be written any more, or null while the pairing is open. */
  private readOnlyReason(): string | null {
    const stage = currentStage(this.sql);
    return isFinal(stage) ? `${pairingIs(stage)}: its room can be read but no longer changed.` : null;
  }

  private stageState() {
    return { stage: currentStage(this.sql), pausedFrom: (getState(this.sql, "paused_from") as Stage | null) ?? null };
  }

  /** Applies a stage change inside the caller's transaction: state, history, outbox and a line in the chat. */
  private applyStage(action: StageAction, kind: StageActor, actorId: string, reason: string): RoomResult<Stage> {
    const change = changeStage(this.stageState(), action, kind, reason);
    if (!change.ok) return refuse(409, change.error);
    const now = Date.now();
    {
      setState(this.sql, "stage", change.to);
      setState(this.sql, "paused_from", change.state.pausedFrom);
      setState(this.sql, "stage_reason", change.to === "paused" || change.to === "ended_early" ? reason.trim() : "");
      if (isFinal(change.to)) setState(this.sql, "ended_at", now);
      queueJourneyEvent(
        this.sql,
        "stage-changed",
        { from: change.from, to: change.to },
        `stage:${change.from}:${change.to}:${now}`,
      );
      const seq = this.sql
        .exec<{ seq: number }>(
          "INSERT INTO stage_changes (from_stage, to_stage, reason, actor, at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
          change.from,
          change.to,
          reason.trim(),
          actorId,
          now,
        )
        .one().seq;
      queueStageChange(this.sql, {
        pairingId: getState(this.sql, "pairing_id") ?? "",
        seq,
        from: change.from,
        to: change.to,
        reason: reason.trim(),
        actor: actorId,
        at: now,
      });
      if (kind !== "journey" || action !== "activate") this.touch(now);
      const by = kind === "journey" ? "Trellis" : kind === "coordinator" ? "A coordinator" : this.nameOf(actorId);
      const why = reason.trim() ? `: ${reason.trim()}` : ".";
      this.systemNote(
        `${by} moved the pairing from ${STAGE_LABELS[change.from].toLowerCase()} to ${STAGE_LABELS[change.to].toLowerCase()}${why}`,
        `stage-${seq}-0000`,
        now,
      );
    }
    return ok(change.to);
  }

  /** Adds a system line to the chat inside the current write (not broadcast: pages show it when they load). */
  private systemNote(body: string, key: string, now: number): void {
    if (!findSent(this.sql, "system:journey", key))
      insertMessage(this.sql, {
        authorKey: "system:journey",
        clientId: key,
        authorId: null,
        source: "journey",
        body,
        now,
      });
  }

  /** Stores a member's message and broadcasts it (HTTP path). */
  private async storeMessage(
    personId: string,
    clientId: unknown,
    body: unknown,
  ): Promise<RoomResult<{ message: ChatMessage; duplicate: boolean }>> {
    const result = this.storeMessageSync(personId, clientId, body);
    if (result.ok && !result.value.duplicate) {
      this.afterWrite();
      await this.broadcast(result.value.message);
    }
    return result;
  }

  /** Validates, dedupes by client id, rate-limits and stores a member's message. */
  private storeMessageSync(
    personId: string,
    clientId: unknown,
    body: unknown,
  ): RoomResult<{ message: ChatMessage; duplicate: boolean }> {
    if (!validClientId(clientId))
      return refuse(422, "This message has no valid id; reload the page and send it again.");
    const existing = findSent(this.sql, personId, clientId);
    if (existing) return ok({ message: existing, duplicate: true });
    const checked = checkBody(body);
    if (!checked.ok) return refuse(422, checked.error, { body: checked.error });
    const now = Date.now();
    const perMinute = Number(this.env.CHAT_RATE_PER_MINUTE) || DEFAULT_RATE_PER_MINUTE;
    const limit = rateLimited(recentSendTimes(this.sql, personId, now - 60_000, perMinute), now, perMinute);
    if (limit.limited)
      return refuse(429, rateLimitMessage(limit.retryInSeconds), { body: rateLimitMessage(limit.retryInSeconds) });
    const message = this.ctx.storage.transactionSync(() => {
      this.touch(now);
      return insertMessage(this.sql, {
        authorKey: personId,
        clientId,
        authorId: personId,
        source: "member",
        body: checked.body,
        now,
      });
    });
    return ok({ message, duplicate: false });
  }

  /** Runs a content write with activity recorded, then queues the projection (unless it changed nothing: `false`). */
  private write<T>(fn: () => T): T {
    const result = this.ctx.storage.transactionSync(() => {
      const r = fn();
      if (r !== false) this.touch(Date.now());
      return r;
    });
    if (result !== false) this.afterWrite();
    return result;
  }

  /** Runs a meeting action as a member in one transaction, with a chat line when `say` gives one, then projects it. */
  private async meetingWrite<T>(
    pairingId: string,
    actor: RoomActor,
    action: (ctx: MeetingContext) => RoomResult<T>,
    say?: (value: T, name: string) => [string, string] | null,
  ): Promise<RoomResult<T>> {
    const who = await this.writer(pairingId, actor);
    if (!who.ok) return who;
    const ctx: MeetingContext = {
      sql: this.sql,
      personId: who.value,
      memberIds: membersOf(this.sql).map((m) => m.personId),
      now: Date.now(),
    };
    const result = this.ctx.storage.transactionSync(() => {
      const r = action(ctx);
      if (r.ok) {
        this.touch(ctx.now);
        const line = say?.(r.value, this.nameOf(who.value));
        if (line) this.systemNote(line[0], line[1], ctx.now);
      }
      return r;
    });
    if (result.ok) this.afterWrite();
    return result;
  }

  /** The pairing's video link: pasted by a member, or made once from VIDEO_BASE_URL and a random name. */
  private videoLink(): string {
    const stored = getState(this.sql, "video_url");
    if (stored) return stored;
    const link = `${this.env.VIDEO_BASE_URL || "https://meet.jit.si/"}trellis-${newId().slice(0, 16)}`;
    setState(this.sql, "video_url", link);
    return link;
  }

  /** Sets or clears the risk flag inside the caller's transaction. */
  private setRiskState(reason: string | null, now: number): void {
    const had = getState(this.sql, "risk_reason");
    setState(this.sql, "risk_reason", reason);
    setState(this.sql, "risk_since", reason ? (had ? (getNumber(this.sql, "risk_since") ?? now) : now) : null);
  }

  /** Records member activity. */
  private touch(now: number): void {
    setState(this.sql, "last_activity_at", now);
  }

  /** Marks messages read up to `seq` and, if that changed the unread count, projects it. */
  private read(personId: string, seq: number): void {
    if (markRead(this.sql, personId, seq)) this.afterWrite();
  }

  /** Queues a fresh snapshot and makes sure the alarm will drain the outbox. */
  private afterWrite(): void {
    queueSnapshot(this.sql);
    this.ctx.waitUntil(
      (async () => {
        if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
      })(),
    );
  }

  /** Sends a stored message to every open socket, rendered for each viewer. */
  private async broadcast(message: ChatMessage): Promise<void> {
    await broadcastMessage(this.ctx.getWebSockets(), message, await this.displayNames());
  }

  /** Members' display names (read from D1 once per wake-up). */
  private async displayNames(): Promise<Record<string, string>> {
    if (this.names && membersOf(this.sql).every((m) => this.names![m.personId])) return this.names;
    const ids = membersOf(this.sql).map((m) => m.personId);
    const rows = await this.env.DB.prepare(
      "SELECT id, name, email FROM people WHERE id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(ids))
      .all<{ id: string; name: string; email: string }>();
    this.names = Object.fromEntries(rows.results.map((r) => [r.id, r.name || r.email]));
    return this.names;
  }

  /** A member's name for system lines (falls back to "A member" before names are loaded). */
  private nameOf(personId: string): string {
    return this.names?.[personId] ?? "A member";
  }
}
