/**
 * The program library: coordinators' list (each item with its milestone, tags and how many pairings opened it) and the
 * form to add a link or a short markdown text; the members' section on a pairing's Files tab ("for this stage", "for
 * your goals"); and one text item's page.
 */
import type { Child } from "hono/jsx";
import { LIBRARY_LIMITS, type LibraryItem, libraryMilestones } from "../../worker/domain/library/library";
import type { PairingRecord } from "../../worker/domain/pairing";
import { CsrfField, ErrorText, TextInput, textareaText } from "../components/form";
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

/** The coordinators' library page. */
export function ProgramLibraryPage(p: {
  programId: string;
  csrf: string;
  items: LibraryItem[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { t } = useI18n();
  const v = p.values ?? {};
  const base = `/programs/${p.programId}/library`;
  const problem = Object.values(p.errors ?? {})[0];
  return (
    <section>
      <ProgramNav programId={p.programId} tab="library" />
      <h1>{t("library.title")}</h1>
      <p class="muted">{t("library.intro")}</p>
      <ul class="cards">
        {p.items.map((i) => (
          <li>
            <strong>{i.title}</strong>
            <p class="muted">
              {t(MILESTONE_IDS[i.milestone])}
              {i.tags.length ? ` · ${i.tags.join(", ")}` : ""} · {t("library.opens", { count: i.opens ?? 0 })}
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
      <form method="post" action={base} aria-labelledby="add-item">
        {problem ? (
          <p class="error-summary" role="alert">
            <ErrorText text={problem} />
          </p>
        ) : null}
        <CsrfField token={p.csrf} />
        <TextInput
          name="title"
          label={t("library.field.title")}
          value={v.title}
          required
          maxlength={String(LIBRARY_LIMITS.title)}
        />
        <TextInput
          name="url"
          label={t("library.field.url")}
          value={v.url}
          inputmode="url"
          maxlength={String(LIBRARY_LIMITS.url)}
        />
        <div class="field">
          <label for="f-body">{t("library.field.body")}</label>
          <textarea id="f-body" name="body" maxlength={LIBRARY_LIMITS.body}>
            {textareaText(v.body, LIBRARY_LIMITS.body)}
          </textarea>
        </div>
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
        />
        <button type="submit">{t("library.addButton")}</button>
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

/** A text item's page, inside the pairing's room. */
export function LibraryItemPage(p: { pairing: PairingRecord; viewerId: string; item: LibraryItem }) {
  const { t } = useI18n();
  return (
    <section>
      <PairingNav pairing={p.pairing} viewerId={p.viewerId} tab="files" />
      <p class="crumbs">
        <a href={`/pairings/${p.pairing.id}/files`}>{t("files.title")}</a>
      </p>
      <h2>{p.item.title}</h2>
      <Markdown text={p.item.body} />
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
