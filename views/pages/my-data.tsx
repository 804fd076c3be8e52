/** A person's own data: download everything Trellis holds about them, or delete it (with a typed confirmation). */
import { CsrfField, type Errors, TextInput } from "../components/form";
import { useI18n } from "../i18n";

interface MyDataProps {
  csrf: string;
  /** What was typed into the confirmation field, kept after a mismatch. */
  typed?: string;
  errors?: Errors;
}

/** The download link and the deletion form. */
export function MyDataPage({ csrf, typed, errors }: MyDataProps) {
  const { t } = useI18n();
  return (
    <section id="my-data" class="narrow">
      <h1>{t("myData.title")}</h1>
      <h2>{t("myData.download.title")}</h2>
      <p>{t("myData.download.body")}</p>
      <p>
        <a href="/settings/data/export.json" download>
          {t("myData.download.link")}
        </a>
      </p>
      <h2>{t("myData.delete.title")}</h2>
      <p>{t("myData.delete.intro")}</p>
      <ul>
        <li>{t("myData.delete.profile")}</li>
        <li>{t("myData.delete.texts")}</li>
        <li>{t("myData.delete.shared")}</li>
        <li>{t("myData.delete.shown")}</li>
      </ul>
      <form method="post" action="/settings/data/delete">
        <CsrfField token={csrf} />
        <TextInput
          name="confirm"
          label={t("myData.confirm.label")}
          value={typed}
          errors={errors}
          type="email"
          autocomplete="off"
          required
          maxlength={320}
          hint={t("myData.confirm.hint")}
        />
        <button type="submit" class="danger">
          {t("myData.delete.title")}
        </button>
      </form>
    </section>
  );
}

/** Shown after the deletion: nothing of the person is left to show. */
export function DataDeletedPage() {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("myData.deleted.title")}</h1>
      <p role="status">{t("myData.deleted.body")}</p>
      <p>
        <a href="/">{t("myData.deleted.back")}</a>
      </p>
    </section>
  );
}
