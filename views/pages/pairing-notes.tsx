/**
 * A pairing's shared notes: the list (newest change first) with a new-note form, and one note's page with its edit
 * form.
 */
import { EmptyState } from "../components/empty-state";
import { Markdown, MARKDOWN_HINT } from "../components/markdown";
import { formatInstant, formatShortInstant } from "../../worker/domain/format-time";
import { NOTE_LIMITS, NOTE_TEMPLATES } from "../../worker/domain/room/notes";
import type { Note } from "../../worker/domain/room/types";
import { CsrfField, describedBy, Field, TextAreaField, TextInput } from "../components/form";
import { PairingNav } from "../components/pairing-nav";
import { type FormState, FormProblem, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";

/** A member's name, or a neutral word for someone who has left the pairing. */
const nameIn = (names: Record<string, string>, id: string) => names[id] ?? "A former member";

export interface NotesPageProps extends RoomPageBase {
  notes: Note[];
  names: Record<string, string>;
  /** The new-note form as typed, after a refusal. */
  form?: FormState;
}

/** The notes tab. */
export function NotesPage(props: NotesPageProps) {
  const { pairing, notes, form } = props;
  const readOnly = readOnlyAt(props.stage);
  const base = `/pairings/${pairing.id}/notes`;
  const values = form?.values ?? {};
  const template = values.template ?? "blank";
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="notes" stage={props.stage} />
      <h2>Notes</h2>
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      {notes.length === 0 ? (
        <EmptyState icon="note">
          No notes yet. Shared notes are a good place for meeting agendas and what you agreed to do next.
        </EmptyState>
      ) : (
        <>
          <p class="muted">Most recently changed first. Times are in {props.timeZone}.</p>
          <ul class="cards">
            {notes.map((n) => (
              <li>
                <a href={`${base}/${n.id}`}>{n.title}</a>
                <br />
                <span class="muted">
                  Last changed by {nameIn(props.names, n.updatedBy)}, {formatShortInstant(n.updatedAt, props.timeZone)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {readOnly ? null : (
        <>
          <h2 id="new-note">New note</h2>
          <form method="post" action={base} aria-labelledby="new-note" class="note-form">
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <Field
              name="template"
              label="Start from"
              errors={form?.errors}
              hint="An agenda to fill in; it is used when you leave the text below empty."
            >
              <select name="template" {...describedBy("template", form?.errors, true)}>
                {Object.entries(NOTE_TEMPLATES).map(([key, t]) => (
                  <option value={key} selected={template === key}>
                    {t.label}
                  </option>
                ))}
              </select>
            </Field>
            <TextInput
              name="title"
              label="Title"
              value={values.title}
              errors={form?.errors}
              maxlength={String(NOTE_LIMITS.title)}
              hint="Leave empty to use the template's title."
            />
            <TextAreaField
              id="f-body"
              name="body"
              label="Text (optional)"
              value={values.body}
              error={form?.errors?.body}
              maxlength={NOTE_LIMITS.body}
              hint={MARKDOWN_HINT}
            />
            <button type="submit">Create note</button>
          </form>
        </>
      )}
    </section>
  );
}

export interface NotePageProps extends RoomPageBase {
  /** The note as it is stored now. */
  note: Note;
  names: Record<string, string>;
  /** The edit form as typed, after a refusal. */
  form?: FormState;
  /** The version the form is based on (the typed one after a 422, the current one otherwise). */
  baseVersion: number;
  /** Someone else saved the note while this person edited it: the current text is shown, theirs is kept in the form. */
  conflict?: string;
  saved?: boolean;
}

/** One note: who changed it last, its edit form (or its text when the pairing is read-only) and its delete button. */
export function NotePage(props: NotePageProps) {
  const { pairing, note, form, names } = props;
  const readOnly = readOnlyAt(props.stage);
  const action = `/pairings/${pairing.id}/notes/${note.id}`;
  const values = form?.values ?? { title: note.title, body: note.body };
  const changed = (
    <p class="muted">
      Last changed by {nameIn(names, note.updatedBy)}, {formatInstant(note.updatedAt, props.timeZone)} · version{" "}
      {note.version}
    </p>
  );
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="notes" stage={props.stage} />
      <p>
        <a href={`/pairings/${pairing.id}/notes`}>← All notes</a>
      </p>
      {props.saved ? (
        <p class="success" role="status">
          Saved.
        </p>
      ) : null}
      {props.conflict ? (
        <p class="error-summary" role="alert">
          {props.conflict}
        </p>
      ) : null}
      <h2>{props.conflict ? `Current version: ${note.title}` : note.title}</h2>
      {changed}
      <Markdown text={note.body} class="note-body" />
      {readOnly ? (
        <ReadOnlyNotice stage={props.stage} />
      ) : (
        <>
          <h2>{props.conflict ? "Your version" : "Edit this note"}</h2>
          <form method="post" action={action} class="note-form">
            <FormProblem form={props.conflict ? undefined : form} />
            <CsrfField token={props.csrf} />
            <input type="hidden" name="version" value={String(props.baseVersion)} />
            <TextInput
              name="title"
              label="Title"
              value={values.title}
              errors={form?.errors}
              required
              maxlength={String(NOTE_LIMITS.title)}
            />
            <TextAreaField
              id="f-body"
              name="body"
              label="Text"
              value={values.body}
              error={form?.errors?.body}
              maxlength={NOTE_LIMITS.body}
              hint={MARKDOWN_HINT}
            />
            <button type="submit">{props.conflict ? "Save my version" : "Save note"}</button>
          </form>
          <details class="danger">
            <summary>Delete this note</summary>
            <form method="post" action={`${action}/delete`}>
              <CsrfField token={props.csrf} />
              <p>This removes “{note.title}” for everyone in the pairing. It cannot be undone.</p>
              <button type="submit">Yes, delete this note</button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
