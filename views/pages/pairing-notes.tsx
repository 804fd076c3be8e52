/**
 * A pairing's shared notes: the list (newest change first) with a new-note form, and one note's page with its edit
 * form.
 */
import { EmptyState } from "../components/empty-state";
import { Markdown, MARKDOWN_HINT } from "../components/markdown";
import { formatInstant, formatShortInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { Translate } from "../../worker/domain/i18n/translate";
import { NOTE_LIMITS, NOTE_TEMPLATE_IDS } from "../../worker/domain/room/notes";
import { Rich, useI18n } from "../i18n";
import type { Note } from "../../worker/domain/room/types";
import { CsrfField, describedBy, Field, TextAreaField, TextInput } from "../components/form";
import { NAME_TAGS, PairingNav } from "../components/pairing-nav";
import { type FormState, FormProblem, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";

/** A member's name, or a neutral word for someone who has left the pairing. */
const nameIn = (names: Record<string, string>, id: string, t: Translate) => names[id] ?? t("room.author.former");

export interface NotesPageProps extends RoomPageBase {
  notes: Note[];
  names: Record<string, string>;
  /** The new-note form as typed, after a refusal. */
  form?: FormState;
}

/** The notes tab. */
export function NotesPage(props: NotesPageProps) {
  const { t, locale } = useI18n();
  const { pairing, notes, form } = props;
  const readOnly = readOnlyAt(props.stage);
  const base = `/pairings/${pairing.id}/notes`;
  const values = form?.values ?? {};
  const template = values.template ?? "blank";
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="notes" stage={props.stage} />
      <h2>{t("room.tab.notes")}</h2>
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      {notes.length === 0 ? (
        <EmptyState icon="note">{t("notes.empty")}</EmptyState>
      ) : (
        <>
          <p class="muted">{t("notes.order", { zone: props.timeZone })}</p>
          <ul class="cards">
            {notes.map((n) => (
              <li>
                <a href={`${base}/${n.id}`} dir="auto">
                  {n.title}
                </a>
                <br />
                <span class="muted">
                  <Rich
                    id="notes.changedBy"
                    values={{
                      name: nameIn(props.names, n.updatedBy, t),
                      when: formatShortInstant(n.updatedAt, props.timeZone, intlTag(locale)),
                    }}
                    tags={NAME_TAGS}
                  />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {readOnly ? null : (
        <>
          <h2 id="new-note">{t("notes.new")}</h2>
          <form method="post" action={base} aria-labelledby="new-note" class="note-form">
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <Field
              name="template"
              label={t("notes.field.template")}
              errors={form?.errors}
              hint={t("notes.field.templateHint")}
            >
              <select name="template" {...describedBy("template", form?.errors, true)}>
                {Object.entries(NOTE_TEMPLATE_IDS).map(([key, ids]) => (
                  <option value={key} selected={template === key}>
                    {t(ids.label)}
                  </option>
                ))}
              </select>
            </Field>
            <TextInput
              name="title"
              label={t("notes.field.title")}
              value={values.title}
              errors={form?.errors}
              maxlength={String(NOTE_LIMITS.title)}
              hint={t("notes.field.titleHint")}
            />
            <TextAreaField
              id="f-body"
              name="body"
              label={t("notes.field.textOptional")}
              value={values.body}
              error={form?.errors?.body}
              maxlength={NOTE_LIMITS.body}
              hint={t(MARKDOWN_HINT)}
            />
            <button type="submit">{t("notes.create")}</button>
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
  const { t, locale } = useI18n();
  const { pairing, note, form, names } = props;
  const readOnly = readOnlyAt(props.stage);
  const action = `/pairings/${pairing.id}/notes/${note.id}`;
  const values = form?.values ?? { title: note.title, body: note.body };
  const changed = (
    <p class="muted">
      <Rich
        id="notes.changedByVersion"
        values={{
          name: nameIn(names, note.updatedBy, t),
          when: formatInstant(note.updatedAt, props.timeZone, intlTag(locale)),
          version: note.version,
        }}
        tags={NAME_TAGS}
      />
    </p>
  );
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="notes" stage={props.stage} />
      <p>
        <a href={`/pairings/${pairing.id}/notes`}>{t("notes.all")}</a>
      </p>
      {props.saved ? (
        <p class="success" role="status">
          {t("notes.saved")}
        </p>
      ) : null}
      {props.conflict ? (
        <p class="error-summary" role="alert">
          {props.conflict}
        </p>
      ) : null}
      <h2 dir="auto">{props.conflict ? t("notes.current", { title: note.title }) : note.title}</h2>
      {changed}
      <Markdown text={note.body} class="note-body" />
      {readOnly ? (
        <ReadOnlyNotice stage={props.stage} />
      ) : (
        <>
          <h2>{props.conflict ? t("notes.yours") : t("notes.edit")}</h2>
          <form method="post" action={action} class="note-form">
            <FormProblem form={props.conflict ? undefined : form} />
            <CsrfField token={props.csrf} />
            <input type="hidden" name="version" value={String(props.baseVersion)} />
            <TextInput
              name="title"
              label={t("notes.field.title")}
              value={values.title}
              errors={form?.errors}
              required
              maxlength={String(NOTE_LIMITS.title)}
            />
            <TextAreaField
              id="f-body"
              name="body"
              label={t("notes.field.text")}
              value={values.body}
              error={form?.errors?.body}
              maxlength={NOTE_LIMITS.body}
              hint={t(MARKDOWN_HINT)}
            />
            <button type="submit">{props.conflict ? t("notes.saveMine") : t("notes.save")}</button>
          </form>
          <details class="danger">
            <summary>{t("notes.delete")}</summary>
            <form method="post" action={`${action}/delete`}>
              <CsrfField token={props.csrf} />
              <p>{t("notes.deleteWarning", { title: note.title })}</p>
              <button type="submit">{t("notes.deleteConfirm")}</button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
