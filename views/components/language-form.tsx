/** The language picker: a plain form (works without JavaScript) that saves the choice and comes back to `next`. */
import { LOCALE_INFO, LOCALES } from "../../worker/domain/i18n/locales";
import { useI18n } from "../i18n";
import { CsrfField } from "./form";

/** A select of the shipped languages, each named in itself, and a button; `id` keeps two on one page apart. */
export function LanguageForm({ csrf, next, id = "language" }: { csrf: string; next: string; id?: string }) {
  const { locale, t } = useI18n();
  return (
    <form method="post" action="/language" class="language">
      <CsrfField token={csrf} />
      <input type="hidden" name="next" value={next} />
      <label for={id}>{t("layout.language")}</label>{" "}
      <select id={id} name="lang">
        {LOCALES.map((tag) => (
          <option value={tag} lang={tag} selected={tag === locale}>
            {LOCALE_INFO[tag].name}
          </option>
        ))}
      </select>{" "}
      <button type="submit" class="secondary">
        {t("layout.changeLanguage")}
      </button>
    </form>
  );
}
