/** The program's CSV downloads: what each file holds, and what exports never contain. */
import type { ExportDescription } from "../../worker/domain/exports";
import { ProgramNav } from "../components/program-nav";
import { csvWords } from "../../worker/domain/export-words";
import { useI18n } from "../i18n";

/** Lists each download with its columns, and the privacy and spreadsheet notes. */
export function ProgramExportsPage({
  program,
  exports,
}: {
  program: { id: string; name: string };
  exports: readonly ExportDescription[];
}) {
  const { t } = useI18n();
  const words = csvWords(t);
  const base = `/programs/${program.id}/exports`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="exports" />
      <h1>{t("programs.nav.exports")}</h1>
      <p>{t("programs.exports.intro")}</p>
      <p class="hint" id="privacy-note">
        {t("programs.exports.privacy")}
      </p>
      <p class="hint">{t("programs.exports.formulas")}</p>
      <ul class="exports">
        {exports.map((e) => (
          <li>
            <h2>
              <a href={`${base}/${e.kind}.csv`} download>
                {t("programs.exports.fileTitle", { title: t(e.title) })}
              </a>
            </h2>
            <p>{t(e.about)}</p>
            <p class="hint">{t("programs.exports.columns", { columns: e.columns.map(words.header).join(", ") })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
