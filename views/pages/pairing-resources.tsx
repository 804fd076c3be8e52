/** A pairing's shared links: each with its host, note and who shared it, a remove button, and the form to share one. */
import { EmptyState } from "../components/empty-state";
import { formatShortInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { Rich, useI18n } from "../i18n";
import { RESOURCE_LIMITS } from "../../worker/domain/room/resources";
import type { Resource } from "../../worker/domain/room/types";
import { CsrfField, TextAreaField, TextInput } from "../components/form";
import { NAME_TAGS, PairingNav } from "../components/pairing-nav";
import { type FormState, FormProblem, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";

/** The host a link leads to, shown next to its title so people see where they are going. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

export interface ResourcesPageProps extends RoomPageBase {
  resources: Resource[];
  names: Record<string, string>;
  /** The add form as typed, after a refusal. */
  form?: FormState;
}

/** The links tab. */
export function ResourcesPage(props: ResourcesPageProps) {
  const { t, locale } = useI18n();
  const { pairing, resources, form } = props;
  const readOnly = readOnlyAt(props.stage);
  const base = `/pairings/${pairing.id}/resources`;
  const values = form?.values ?? {};
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="resources" stage={props.stage} />
      <h2>{t("room.tab.links")}</h2>
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      {resources.length === 0 ? (
        <EmptyState icon="link">{t("links.empty")}</EmptyState>
      ) : (
        <>
          <p class="muted">{t("links.order", { zone: props.timeZone })}</p>
          <ul class="cards">
            {resources.map((r) => (
              <li>
                <a href={r.url} rel="noopener noreferrer nofollow">
                  {r.title}
                </a>{" "}
                <span class="muted">({hostOf(r.url)})</span>
                {r.note ? (
                  <p class="room-text" dir="auto">
                    {r.note}
                  </p>
                ) : null}
                <p class="muted">
                  <Rich
                    id="links.addedBy"
                    values={{
                      name: props.names[r.addedBy] ?? t("room.author.former"),
                      when: formatShortInstant(r.addedAt, props.timeZone, intlTag(locale)),
                    }}
                    tags={NAME_TAGS}
                  />
                </p>
                {readOnly ? null : (
                  <form method="post" action={`${base}/${r.id}/delete`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="link">
                      {t("links.remove")}
                      <span class="vh"> “{r.title}”</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {readOnly ? null : (
        <>
          <h2 id="add-link">{t("links.share")}</h2>
          <form method="post" action={base} aria-labelledby="add-link">
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <TextInput
              name="url"
              label={t("links.field.url")}
              value={values.url}
              errors={form?.errors}
              required
              inputmode="url"
              autocomplete="url"
              maxlength={String(RESOURCE_LIMITS.url)}
              hint={t("links.field.urlHint")}
            />
            <TextInput
              name="title"
              label={t("notes.field.title")}
              value={values.title}
              errors={form?.errors}
              required
              maxlength={String(RESOURCE_LIMITS.title)}
            />
            <TextAreaField
              id="f-note"
              name="note"
              label={t("links.field.note")}
              value={values.note}
              error={form?.errors?.note}
              maxlength={RESOURCE_LIMITS.note}
              hint={t("links.field.noteHint")}
            />
            <button type="submit">{t("links.share")}</button>
          </form>
        </>
      )}
    </section>
  );
}
