/**
 * A pairing's shared files: what the limits are, each file with its size (so people on metered connections can choose
 * before downloading), who shared it and when, and the upload form (multipart; works without JavaScript).
 */
import { ACCEPTED_EXTENSIONS, FILE_LIMITS, formatFileSize } from "../../worker/domain/files/file-kinds";
import type { FileComment, SharedFile } from "../../worker/domain/files/types";
import { formatShortInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { EmptyState } from "../components/empty-state";
import { CsrfField, FormProblem, TextAreaField } from "../components/form";
import { PairingNav, type PairingTab } from "../components/pairing-nav";
import { useI18n } from "../i18n";
import type { LibraryItem } from "../../worker/domain/library/library";
import { LibrarySection } from "./program-library";
import { type FormState, readOnlyAt, type RoomPageBase } from "./pairing-goals";

/** The files tab's key in the pairing's tabs. */
const FILES_TAB: PairingTab = "files";

/** Size, who and when of a file, in the viewer's language and zone. */
function FileFacts({ file, names, timeZone }: { file: SharedFile; names: Record<string, string>; timeZone: string }) {
  const { t, locale } = useI18n();
  return (
    <p class="muted">
      {t("files.facts", {
        size: formatFileSize(file.size, intlTag(locale)),
        name: names[file.addedBy] ?? t("files.formerMember"),
        when: formatShortInstant(file.addedAt, timeZone, intlTag(locale)),
      })}
    </p>
  );
}

export interface FilesPageProps extends RoomPageBase {
  files: SharedFile[];
  /** The program's library for this pairing. */
  library?: { stage: LibraryItem[]; goals: LibraryItem[]; rest: LibraryItem[] };
  names: Record<string, string>;
  /** The upload form as sent, after a refusal (the note stays; a browser never refills a file field). */
  form?: FormState;
}

/** The files tab. */
export function FilesPage(props: FilesPageProps) {
  const { t, locale } = useI18n();
  const { pairing, files, form } = props;
  const base = `/pairings/${pairing.id}/files`;
  const fileError = form?.errors?.file;
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab={FILES_TAB} stage={props.stage} />
      {props.library ? <LibrarySection pairingId={pairing.id} library={props.library} /> : null}
      <h2>{t("files.title")}</h2>
      {files.length === 0 ? (
        <EmptyState icon="note">{t("files.empty")}</EmptyState>
      ) : (
        <ul class="cards">
          {files.map((f) => (
            <li>
              <a href={`${base}/${f.id}`}>{f.name}</a>
              <FileFacts file={f} names={props.names} timeZone={props.timeZone} />
              <p>
                <a href={`${base}/${f.id}/download`} download>
                  {t("files.download", { size: formatFileSize(f.size, intlTag(locale)) })}
                </a>{" "}
                · <a href={`${base}/${f.id}#comments`}>{t("files.commentCount", { count: f.comments })}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
      {readOnlyAt(props.stage) ? null : (
        <>
          <h2 id="share-file">{t("files.share")}</h2>
          <form method="post" action={base} enctype="multipart/form-data" aria-labelledby="share-file">
            <FormProblem text={form?.message ?? Object.values(form?.errors ?? {}).find(Boolean)} />
            <CsrfField token={props.csrf} />
            <div class={fileError ? "field invalid" : "field"}>
              <label for="f-file">{t("files.file")}</label>
              <small id="h-file" class="hint">
                {t("files.limits", { size: formatFileSize(FILE_LIMITS.bytes, intlTag(locale)) })}
              </small>
              <input
                id="f-file"
                type="file"
                name="file"
                required
                accept={ACCEPTED_EXTENSIONS}
                aria-describedby="h-file"
                aria-invalid={fileError ? "true" : undefined}
              />
            </div>
            <TextAreaField
              id="f-note"
              name="note"
              label={t("files.note")}
              value={form?.values.note}
              maxlength={FILE_LIMITS.note}
              hint={t("files.noteHint")}
            />
            <button type="submit">{t("files.upload")}</button>
          </form>
        </>
      )}
    </section>
  );
}

export interface FilePageProps extends RoomPageBase {
  file: SharedFile;
  comments: FileComment[];
  names: Record<string, string>;
  /** The comment form as typed, after a refusal. */
  form?: FormState;
}

/** One shared file: its facts, the download link, removing it (its sharer), and its comment thread. */
export function FilePage(props: FilePageProps) {
  const { t, locale } = useI18n();
  const { pairing, file, form } = props;
  const base = `/pairings/${pairing.id}/files/${file.id}`;
  const readOnly = readOnlyAt(props.stage);
  const when = (ms: number) => formatShortInstant(ms, props.timeZone, intlTag(locale));
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab={FILES_TAB} stage={props.stage} />
      <p class="crumbs">
        <a href={`/pairings/${pairing.id}/files`}>{t("files.title")}</a>
      </p>
      <h2>{file.name}</h2>
      <FileFacts file={file} names={props.names} timeZone={props.timeZone} />
      {file.note ? <p class="room-text">{file.note}</p> : null}
      <p>
        <a class="button" href={`${base}/download`} download>
          {t("files.download", { size: formatFileSize(file.size, intlTag(locale)) })}
        </a>
      </p>
      {!readOnly && file.addedBy === props.viewerId ? (
        <form method="post" action={`${base}/delete`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="link">
            {t("files.remove")}
          </button>
        </form>
      ) : null}
      <h3 id="comments">{t("files.comments")}</h3>
      {props.comments.length === 0 ? <p class="muted">{t("files.noComments")}</p> : null}
      <ul class="cards">
        {props.comments.map((c) => (
          <li>
            <p class="room-text">{c.body}</p>
            <p class="muted">
              {props.names[c.authorId] ?? t("files.formerMember")}, {when(c.at)}
            </p>
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <form method="post" action={`${base}/comments`}>
          <FormProblem text={form?.message ?? Object.values(form?.errors ?? {}).find(Boolean)} />
          <CsrfField token={props.csrf} />
          <TextAreaField
            id="f-body"
            name="body"
            label={t("files.comment")}
            value={form?.values.body}
            maxlength={FILE_LIMITS.comment}
            required
          />
          <button type="submit">{t("files.addComment")}</button>
        </form>
      )}
    </section>
  );
}
