/** A pairing's shared links: each with its host, note and who shared it, a remove button, and the form to share one. */
import { EmptyState } from "../components/empty-state";
import { formatShortInstant } from "../../worker/domain/format-time";
import { RESOURCE_LIMITS } from "../../worker/domain/room/resources";
import type { Resource } from "../../worker/domain/room/types";
import { CsrfField, TextAreaField, TextInput } from "../components/form";
import { PairingNav } from "../components/pairing-nav";
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
  const { pairing, resources, form } = props;
  const readOnly = readOnlyAt(props.stage);
  const base = `/pairings/${pairing.id}/resources`;
  const values = form?.values ?? {};
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="resources" stage={props.stage} />
      <h2>Links</h2>
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      {resources.length === 0 ? (
        <EmptyState icon="link">
          No links yet. Share articles, videos or tools you want to remember together.
        </EmptyState>
      ) : (
        <>
          <p class="muted">Newest first. Times are in {props.timeZone}.</p>
          <ul class="cards">
            {resources.map((r) => (
              <li>
                <a href={r.url} rel="noopener noreferrer nofollow">
                  {r.title}
                </a>{" "}
                <span class="muted">({hostOf(r.url)})</span>
                {r.note ? <p class="room-text">{r.note}</p> : null}
                <p class="muted">
                  Added by {props.names[r.addedBy] ?? "a former member"},{" "}
                  {formatShortInstant(r.addedAt, props.timeZone)}
                </p>
                {readOnly ? null : (
                  <form method="post" action={`${base}/${r.id}/delete`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="link">
                      Remove<span class="vh"> “{r.title}”</span>
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
          <h2 id="add-link">Share a link</h2>
          <form method="post" action={base} aria-labelledby="add-link">
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <TextInput
              name="url"
              label="Link"
              value={values.url}
              errors={form?.errors}
              required
              inputmode="url"
              autocomplete="url"
              maxlength={String(RESOURCE_LIMITS.url)}
              hint="A web address, like https://example.org/article."
            />
            <TextInput
              name="title"
              label="Title"
              value={values.title}
              errors={form?.errors}
              required
              maxlength={String(RESOURCE_LIMITS.title)}
            />
            <TextAreaField
              id="f-note"
              name="note"
              label="Note (optional)"
              value={values.note}
              error={form?.errors?.note}
              maxlength={RESOURCE_LIMITS.note}
              hint="Why it is worth a look."
            />
            <button type="submit">Share link</button>
          </form>
        </>
      )}
    </section>
  );
}
