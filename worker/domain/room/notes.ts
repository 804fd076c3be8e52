/** Shared notes and the agenda templates a new note can start from. Pure. Field messages are catalog ids (`msg`). */
import { type MessageId, msg } from "../i18n/translate";

export const NOTE_LIMITS = { title: 120, body: 20_000, count: 200 } as const;

/** Agenda templates: a title and a body to fill in. */
export const NOTE_TEMPLATES = {
  blank: { label: "Blank note", title: "", body: "" },
  "first-meeting": {
    label: "First meeting",
    title: "First meeting",
    body: "## Getting to know each other\n- Our backgrounds:\n- What each of us hopes to get from this:\n\n## Agreement\n- How and how often we meet:\n- Anything off-limits:\n\n## Next steps\n- ",
  },
  "check-in": {
    label: "Regular meeting",
    title: "Meeting notes",
    body: "## Since last time\n- \n\n## Today's topic\n- \n\n## Goal progress\n- \n\n## Actions before next time\n- ",
  },
  "mid-point": {
    label: "Mid-point review",
    title: "Mid-point review",
    body: "## What is working\n- \n\n## What to change\n- \n\n## Goals: still the right ones?\n- \n\n## Plan for the second half\n- ",
  },
  "wrap-up": {
    label: "Wrap-up",
    title: "Wrap-up",
    body: "## What we achieved\n- \n\n## What we learned\n- \n\n## What comes next\n- \n\n## Staying in touch?\n- ",
  },
} as const;
export type NoteTemplate = keyof typeof NOTE_TEMPLATES;

/** The catalog ids of each template's name, title and body, so a new note starts in its writer's language. */
export const NOTE_TEMPLATE_IDS: Record<NoteTemplate, { label: MessageId; title?: MessageId; body?: MessageId }> = {
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
};

/** Whether a template name is known. */
export function isTemplate(v: string): v is NoteTemplate {
  return Object.hasOwn(NOTE_TEMPLATES, v);
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
