/** Shared notes and the agenda templates a new note can start from. Pure. Field messages are catalog ids (`msg`). */
import { type MessageId, msg, translator } from "../i18n/translate";

export const NOTE_LIMITS = { title: 120, body: 20_000, count: 200 } as const;

/** An agenda template's catalog ids: its name in the list, and the title and body a new note starts from. */
export interface TemplateIds {
  label: MessageId;
  title?: MessageId;
  body?: MessageId;
}

/** The catalog ids of each template's name, title and body, so a new note starts in its writer's language. */
export const NOTE_TEMPLATE_IDS = {
  blank: { label: "notes.template.blank" },
  "first-meeting": {
    label: "notes.template.firstMeeting",
    title: "notes.template.firstMeeting",
    body: "notes.template.firstMeetingBody",
  },
  "check-in": {
    label: "notes.template.checkIn",
    title: "notes.template.checkInTitle",
    body: "notes.template.checkInBody",
  },
  "mid-point": {
    label: "notes.template.midPoint",
    title: "notes.template.midPoint",
    body: "notes.template.midPointBody",
  },
  "wrap-up": { label: "notes.template.wrapUp", title: "notes.template.wrapUp", body: "notes.template.wrapUpBody" },
} as const satisfies Record<string, TemplateIds>;

export type NoteTemplate = keyof typeof NOTE_TEMPLATE_IDS;

const english = translator("en");

/** Agenda templates in English (the catalog's words: meeting agendas and demo data use them). */
export const NOTE_TEMPLATES = Object.fromEntries(
  Object.entries(NOTE_TEMPLATE_IDS).map(([key, ids]: [string, TemplateIds]) => [
    key,
    { label: english(ids.label), title: ids.title ? english(ids.title) : "", body: ids.body ? english(ids.body) : "" },
  ]),
) as Record<NoteTemplate, { label: string; title: string; body: string }>;

/** Whether a template name is known. */
export function isTemplate(v: string): v is NoteTemplate {
  return Object.hasOwn(NOTE_TEMPLATE_IDS, v);
}

/** Reads a note's title and body from form values, or returns a message per field. */
export function parseNote(
  values: Record<string, string>,
): { ok: true; note: { title: string; body: string } } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = (values.title ?? "").trim();
  const body = (values.body ?? "").replace(/\r\n/g, "\n").trimEnd();
  if (!title) errors.title = msg("notes.error.title");
  else if (title.length > NOTE_LIMITS.title) errors.title = msg("room.error.titleTooLong", { max: NOTE_LIMITS.title });
  if (body.length > NOTE_LIMITS.body)
    errors.body = msg("room.error.textTooLong", { max: NOTE_LIMITS.body, length: body.length });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, note: { title, body } };
}
