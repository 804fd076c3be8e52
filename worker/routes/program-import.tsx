/** CSV import of participants into a program (coordinators only; the guard is installed by programRoutes). */
import { type Context, Hono } from "hono";
import type { Errors } from "../../views/components/form";
import { ImportForm, ImportResult } from "../../views/pages/import";
import { decodeUtf8, parseCsv } from "../domain/csv";
import { MAX_CSV_BYTES, MAX_IMPORT_ROWS, planImport } from "../domain/participant-import";
import { settingsOf } from "../domain/matching/settings";
import { readForm, textField } from "../http/forms";
import { getProgram } from "../programs/queries";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { getImportReport, importParticipants, saveImportReport } from "../programs/import";
import type { AppEnv } from "../types";
import { msg, type Translate } from "../domain/i18n/translate";

export const importRoutes = new Hono<AppEnv>();

/** The import form, naming the program's own questions as columns the file may have. */
const form = async (c: Context, csvText?: string, errors?: Errors) => {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const questions = settingsOf(program.matchSettings).attributes.map((a) => a.label);
  return c.render(
    <ImportForm csrf={c.var.csrf} programId={program.id} csvText={csvText} errors={errors} questions={questions} />,
    { title: (c.var.t as Translate)("programs.import.formTitle") },
  );
};

importRoutes.get("/programs/:programId/import", requireCoordinator, (c) => form(c));

importRoutes.post("/programs/:programId/import", requireCoordinator, async (c) => {
  const body = await readForm(c);
  const file = Array.isArray(body.csv) ? body.csv[0] : body.csv;
  const pasted = textField(body, "csv_text");
  /** Answers the form again with a `msg` text under the field. */
  const fail = (message: string, field = "csv") => {
    c.status(422);
    return form(c, pasted.length <= 20_000 ? pasted : "", { [field]: message });
  };
  const chosen = file instanceof File && (file.name !== "" || file.size > 0) ? file : null;
  const useFile = chosen !== null && (chosen.size > 0 || !pasted.trim());
  if (useFile && chosen.size > MAX_CSV_BYTES)
    return fail(
      msg("programs.import.error.fileSize", { mb: Math.round(chosen.size / 1e5) / 10, max: MAX_CSV_BYTES / 1e6 }),
    );
  if (!useFile && pasted.length > MAX_CSV_BYTES)
    return fail(msg("programs.import.error.textSize", { max: MAX_CSV_BYTES / 1e6 }), "csv_text");
  const text = useFile ? decodeUtf8(await chosen.arrayBuffer()) : pasted;
  if (text === null) return fail(msg("programs.import.error.notUtf8"));
  if (!text.trim())
    return fail(
      useFile
        ? msg("programs.import.error.emptyFile", { name: chosen.name.slice(0, 100) })
        : msg("programs.import.error.nothing"),
    );

  // Header plus one row over the limit is enough to refuse the file, without holding a huge one in memory.
  const parsed = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 2 });
  if (!parsed.ok) return fail(msg("programs.import.error.quote", { line: parsed.line }));
  const programId = c.req.param("programId");
  const program = (await getProgram(c.env, programId))!;
  const plan = planImport(parsed.records, settingsOf(program.matchSettings).attributes);
  if (!plan.ok) return fail(plan.error);

  const { added, present } = await importParticipants(c.env, programId, plan.rows);
  const reportId = await saveImportReport(c.env, {
    programId,
    importedBy: c.var.user!.id,
    added,
    present,
    bad: plan.bad,
    notices: plan.notices,
  });
  return redirectAfterPost(c, `/programs/${programId}/imports/${reportId}`);
});

importRoutes.get("/programs/:programId/imports/:importId", requireCoordinator, async (c) => {
  const report = await getImportReport(c.env, c.req.param("programId"), c.req.param("importId"));
  if (!report) return c.notFound();
  const bad = report.bad;
  return c.render(
    <ImportResult
      programId={report.programId}
      added={report.added}
      present={report.present}
      bad={bad}
      badCount={report.badCount}
      notices={report.notices}
    />,
    { title: c.var.t("programs.import.doneTitle") },
  );
});
