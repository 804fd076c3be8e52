/**
 * The program library: coordinators' list (each item with its milestone, tags and how many pairings opened it), the
 * form to add a link, a file or a short markdown text, and the form to edit one; the members' section on a pairing's Files tab ("for this stage", "for
 * your goals"); and one text item's page.
 */
import type { Child } from "hono/jsx";
import { ACCEPTED_EXTENSIONS, FILE_LIMITS, formatFileSize } from "../../worker/domain/files/file-kinds";
import { intlTag } from "../../worker/domain/i18n/locales";
import {
  LIBRARY_LIMITS,
  type LibraryFile,
  type LibraryItem,
  libraryMilestones,
} from "../../worker/domain/library/library";
import type { PairingRecord } from "../../worker/domain/pairing";
import { CsrfField, FormProblem, describedBy, Field, TextInput, textareaText } from "../components/form";
import { Markdown } from "../components/markdown";
import { PairingNav } from "../components/pairing-nav";
import { ProgramNav } from "../components/program-nav";
import { useI18n } from "../i18n";

const MILESTONE_IDS = {
  any: "library.milestone.any",
  welcome: "library.milestone.welcome",
  agreement: "library.milestone.agreement",
  "first-meeting": "library.milestone.firstMeeting",
  "check-in": "library.milestone.checkIn",
  "mid-point": "library.milestone.midPoint",
  "wrap-up": "library.milestone.wrapUp",
} as const;

/** The item form's fields, shared by adding and editing: title, link, text, file, milestone, tags. */
function ItemFields(p: { values: Record<string, string>; errors: Record<string, string>; file?: LibraryFile | null }) {
  const { t, locale } = useI18n();
  const v = p.values;
  return (
    <>
      <TextInput
        name="title"
        label={t("library.field.title")}
        value={v.title}
        required
        maxlength={String(LIBRARY_LIMITS.title)}
        errors={p.errors}
      />
      <TextInput
        name="url"
        label={t("library.field.url")}
        value={v.url}
        inputmode="url"
        maxlength={String(LIBRARY_LIMITS.url)}
        errors={p.errors}
      />
      <Field name="body" label={t("library.field.body")} errors={p.errors}>
        <textarea id="f-body" name="body" maxlength={LIBRARY_LIMITS.body} {...describedBy("body", p.errors)}>
          {textareaText(v.body, LIBRARY_LIMITS.body)}
        </textarea>
      </Field>
      <Field
        name="file"
        label={p.file ? t("library.field.replaceFile") : t("library.field.file")}
        errors={p.errors}
        hint={[
          p.file
            ? `${t("library.currentFile", { name: p.file.name, size: formatFileSize(p.file.size, intlTag(locale)) })} `
            : "",
          t("library.fileLimits", { size: formatFileSize(FILE_LIMITS.bytes, intlTag(locale)) }),
        ].join("")}
      >
        <input
          id="f-file"
          type="file"
          name="file"
          accept={ACCEPTED_EXTENSIONS}
          {...describedBy("file", p.errors, true)}
        />
        {p.file ? (
          <label class="check">
            <input type="checkbox" name="remove_file" value="1" checked={v.remove_file === "1"} />{" "}
            {t("library.removeFile")}
          </label>
        ) : null}
      </Field>
      <div class="field">
        <label for="f-milestone">{t("library.field.milestone")}</label>
        <select id="f-milestone" name="milestone">
          {libraryMilestones.map((m) => (
            <option value={m} selected={v.milestone === m}>
              {t(MILESTONE_IDS[m])}
            </option>
          ))}
        </select>
      </div>
      <TextInput
        name="tags"
        label={t("library.field.tags")}
        value={v.tags}
        maxlength={String(LIBRARY_LIMITS.tagsText)}
        hint={t("library.tagsHint")}
        errors={p.errors}
      />
    </>
  );
}

/** The coordinators' library page. */
export function ProgramLibraryPage(p: {
  programId: string;
  csrf: string;
  items: LibraryItem[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const base = `/programs/${p.programId}/library`;
  return (
    <section>
      <ProgramNav programId={p.programId} tab="library" />
      <h1>{t("library.title")}</h1>
      <p class="muted">{t("library.intro")}</p>
      <ul class="cards">
        {p.items.map((i) => (
          <li>
            <strong dir="auto">{i.title}</strong>
            <p class="muted">
              {t(MILESTONE_IDS[i.milestone])}
              {i.tags.length ? ` · ${i.tags.join(", ")}` : ""} · {t("library.opens", { count: i.opens ?? 0 })}
            </p>
            {i.file ? (
              <p>
                <a href={`${base}/${i.id}/file`} download>
                  {t("library.downloadFile", { name: i.file.name, size: formatFileSize(i.file.size, intlTag(locale)) })}
                </a>
              </p>
            ) : null}
            <p>
              <a href={`${base}/${i.id}`}>{t("library.edit")}</a>
            </p>
            <form method="post" action={`${base}/${i.id}/delete`}>
              <CsrfField token={p.csrf} />
              <button type="submit" class="link">
                {t("library.remove")}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2 id="add-item">{t("library.add")}</h2>
      <form method="post" action={base} enctype="multipart/form-data" aria-labelledby="add-item">
        <FormProblem text={Object.values(p.errors ?? {})[0]} />
        <CsrfField token={p.csrf} />
        <ItemFields values={p.values ?? {}} errors={p.errors ?? {}} />
        <button type="submit">{t("library.addButton")}</button>
      </form>
    </section>
  );
}

/** The form values of a stored item (what the edit form starts with). */
export const itemValues = (i: LibraryItem): Record<string, string> => ({
  title: i.title,
  url: i.url ?? "",
  body: i.body,
  milestone: i.milestone,
  tags: i.tags.join(", "),
});

/** Editing one item: its fields as stored (or as typed after a refusal); a new file replaces the old one. */
export function LibraryEditPage(p: {
  programId: string;
  csrf: string;
  item: LibraryItem;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { t } = useI18n();
  const base = `/programs/${p.programId}/library`;
  return (
    <section>
      <ProgramNav programId={p.programId} tab="library" />
      <p class="crumbs">
        <a href={base}>{t("library.title")}</a>
      </p>
      <h1 id="edit-item" dir="auto">
        {t("library.editTitle", { title: p.item.title })}
      </h1>
      <form method="post" action={`${base}/${p.item.id}`} enctype="multipart/form-data" aria-labelledby="edit-item">
        <FormProblem text={Object.values(p.errors ?? {})[0]} />
        <CsrfField token={p.csrf} />
        <ItemFields values={p.values ?? itemValues(p.item)} errors={p.errors ?? {}} file={p.item.file} />
        <button type="submit">{t("library.save")}</button>
      </form>
    </section>
  );
}

/** One group of items as links through the counting route. */
function Items({ pairingId, items, heading }: { pairingId: string; items: LibraryItem[]; heading: Child }) {
  if (!items.length) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul>
        {items.map((i) => (
          <li>
            <a href={`/pairings/${pairingId}/library/${i.id}`}>{i.title}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The program's library on a pairing's Files tab: what fits its stage, its members' goals, then the rest. */
export function LibrarySection(p: {
  pairingId: string;
  library: { stage: LibraryItem[]; goals: LibraryItem[]; rest: LibraryItem[] };
}) {
  const { t } = useI18n();
  const { stage, goals, rest } = p.library;
  if (!stage.length && !goals.length && !rest.length) return null;
  return (
    <>
      <h2>{t("library.fromProgram")}</h2>
      <Items pairingId={p.pairingId} items={stage} heading={t("library.forStage")} />
      <Items pairingId={p.pairingId} items={goals} heading={t("library.forGoals")} />
      <Items pairingId={p.pairingId} items={rest} heading={t("library.more")} />
    </>
  );
}

/** A text or file item's page, inside the pairing's room. */
export function LibraryItemPage(p: { pairing: PairingRecord; viewerId: string; item: LibraryItem }) {
  const { t, locale } = useI18n();
  return (
    <section>
      <PairingNav pairing={p.pairing} viewerId={p.viewerId} tab="files" />
      <p class="crumbs">
        <a href={`/pairings/${p.pairing.id}/files`}>{t("files.title")}</a>
      </p>
      <h2 dir="auto">{p.item.title}</h2>
      <Markdown text={p.item.body} />
      {p.item.file ? (
        <p>
          <a href={`/pairings/${p.pairing.id}/library/${p.item.id}/file`} download>
            {t("library.downloadFile", {
              name: p.item.file.name,
              size: formatFileSize(p.item.file.size, intlTag(locale)),
            })}
          </a>
        </p>
      ) : null}
      {p.item.url ? (
        <p>
          <a href={p.item.url} rel="noopener noreferrer nofollow">
            {p.item.url}
          </a>
        </p>
      ) : null}
    </section>
  );
}
