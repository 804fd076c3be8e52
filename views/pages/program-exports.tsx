/** The program's CSV downloads: what each file holds, and what exports never contain. */
import type { ExportDescription } from "../../worker/domain/exports";
import { ProgramNav } from "../components/program-nav";

/** Lists each download with its columns, and the privacy and spreadsheet notes. */
export function ProgramExportsPage({
  program,
  exports,
}: {
  program: { id: string; name: string };
  exports: readonly ExportDescription[];
}) {
  const base = `/programs/${program.id}/exports`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="exports" />
      <h1>Exports</h1>
      <p>
        Download the program's data as CSV files (UTF-8, comma-separated, one header line). Times are in UTC (ISO 8601);
        meeting start times are local to the meeting's time zone.
      </p>
      <p class="hint" id="privacy-note">
        Privacy: exports hold what the dashboard shows — stages, counts, check-in answers and the comments members wrote
        for coordinators. They never contain a pairing's chat, notes, meeting agendas or notes, or agreement text.
        People who deleted their data appear as "Deleted person" without an email address. Keep the files as safe as the
        program itself, and delete them when you no longer need them.
      </p>
      <p class="hint">
        Cells that a spreadsheet could read as a formula (starting with =, +, -, @) are written with a leading
        apostrophe, so they open as plain text.
      </p>
      <ul class="exports">
        {exports.map((e) => (
          <li>
            <h2>
              <a href={`${base}/${e.kind}.csv`} download>
                {e.title} (CSV)
              </a>
            </h2>
            <p>{e.about}</p>
            <p class="hint">Columns: {e.columns.join(", ")}.</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
