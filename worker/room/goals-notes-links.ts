/** The pairing's shared goals, notes (with agenda templates) and links: listing, adding, changing and removing them. */
import { GOAL_LIMITS, parseGoal } from "../domain/room/goals";
import { isTemplate, NOTE_LIMITS, NOTE_TEMPLATES, parseNote } from "../domain/room/notes";
import { parseResource, RESOURCE_LIMITS } from "../domain/room/resources";
import { newId } from "../domain/random-secrets";
import { deleteGoal, insertGoal, listGoals, updateGoal } from "./goals-store";
import { deleteNote, getNote, insertNote, listNotes, updateNote } from "./notes-store";
import { deleteResource, insertResource, listResources } from "./resources-store";
import type { Caller } from "./room-access";
import { nameOf, ok, type RoomContext, recordActivity } from "./room-context";
import { fixFields, refusal } from "../domain/room/room-messages";
import type { Goal, Note, Resource, RoomResult } from "../domain/room/types";
import { type Stored, summary, write } from "./write-path";

/** A content change by a member: activity is recorded and D1 learns the new summary; a refusal changes nothing. */
function contentChange<T>(room: RoomContext, value: T): RoomResult<Stored<T>> {
  recordActivity(room, room.now());
  return summary(value);
}

/** The pairing's goals. */
export function goals(room: RoomContext, _who: Caller): RoomResult<Goal[]> {
  return ok(listGoals(room.sql));
}

/** Adds a goal from form values. */
export function addGoal(
  room: RoomContext,
  who: Caller,
  values: Record<string, string>,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    const parsed = parseGoal(values);
    if (!parsed.ok) return fixFields(parsed.errors);
    if (listGoals(room.sql).length >= GOAL_LIMITS.count)
      return refusal(422, "goals.error.tooMany", { max: GOAL_LIMITS.count });
    const id = newId();
    insertGoal(room.sql, id, parsed.goal, who.id, room.now());
    return contentChange(room, { id });
  });
}

/** Changes a goal from form values. */
export function editGoal(
  room: RoomContext,
  _who: Caller,
  goalId: string,
  values: Record<string, string>,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    const parsed = parseGoal(values);
    if (!parsed.ok) return fixFields(parsed.errors);
    return updateGoal(room.sql, goalId, parsed.goal, room.now())
      ? contentChange(room, { id: goalId })
      : refusal(404, "goals.error.gone");
  });
}

/** Deletes a goal. */
export function removeGoal(room: RoomContext, _who: Caller, goalId: string): Promise<RoomResult<{ id: string }>> {
  return write(room, () =>
    deleteGoal(room.sql, goalId) ? contentChange(room, { id: goalId }) : refusal(404, "goals.error.gone"),
  );
}

/** The pairing's notes, most recently changed first. */
export function notes(room: RoomContext, _who: Caller): RoomResult<Note[]> {
  return ok(listNotes(room.sql));
}

/** One note. */
export function note(room: RoomContext, _who: Caller, noteId: string): RoomResult<Note> {
  const found = getNote(room.sql, noteId);
  return found ? ok(found) : refusal(404, "notes.error.gone");
}

/** Adds a note from form values; an empty body starts from the chosen agenda template. */
export function addNote(
  room: RoomContext,
  who: Caller,
  values: Record<string, string>,
  template: string,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    const t = isTemplate(template) ? NOTE_TEMPLATES[template] : NOTE_TEMPLATES.blank;
    const parsed = parseNote({
      title: (values.title ?? "").trim() || t.title,
      body: (values.body ?? "").trim() ? (values.body ?? "") : t.body,
    });
    if (!parsed.ok) return fixFields(parsed.errors);
    if (listNotes(room.sql).length >= NOTE_LIMITS.count)
      return refusal(422, "notes.error.tooMany", { max: NOTE_LIMITS.count });
    const id = newId();
    insertNote(room.sql, id, parsed.note, who.id, room.now());
    return contentChange(room, { id });
  });
}

/** Saves a note if nobody changed it since `baseVersion`. */
export function editNote(
  room: RoomContext,
  who: Caller,
  noteId: string,
  values: Record<string, string>,
  baseVersion: number,
): Promise<RoomResult<{ id: string; version: number }>> {
  return write(room, () => {
    const parsed = parseNote(values);
    if (!parsed.ok) return fixFields(parsed.errors);
    const current = getNote(room.sql, noteId);
    if (!current) return refusal(404, "notes.error.gone");
    if (current.version !== baseVersion)
      return refusal(409, "notes.error.conflict", { name: nameOf(room, current.updatedBy) });
    updateNote(room.sql, noteId, parsed.note, baseVersion, who.id, room.now());
    return contentChange(room, { id: noteId, version: baseVersion + 1 });
  });
}

/** Deletes a note. */
export function removeNote(room: RoomContext, _who: Caller, noteId: string): Promise<RoomResult<{ id: string }>> {
  return write(room, () =>
    deleteNote(room.sql, noteId) ? contentChange(room, { id: noteId }) : refusal(404, "notes.error.gone"),
  );
}

/** The pairing's shared links, newest first. */
export function resources(room: RoomContext, _who: Caller): RoomResult<Resource[]> {
  return ok(listResources(room.sql));
}

/** Shares a link from form values. */
export function addResource(
  room: RoomContext,
  who: Caller,
  values: Record<string, string>,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    const parsed = parseResource(values);
    if (!parsed.ok) return fixFields(parsed.errors);
    if (listResources(room.sql).length >= RESOURCE_LIMITS.count)
      return refusal(422, "links.error.tooMany", { max: RESOURCE_LIMITS.count });
    const id = newId();
    insertResource(room.sql, id, parsed.resource, who.id, room.now());
    return contentChange(room, { id });
  });
}

/** Removes a shared link. */
export function removeResource(
  room: RoomContext,
  _who: Caller,
  resourceId: string,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () =>
    deleteResource(room.sql, resourceId) ? contentChange(room, { id: resourceId }) : refusal(404, "links.error.gone"),
  );
}
