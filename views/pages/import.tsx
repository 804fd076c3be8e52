/** Importing participants from CSV: the form, and the report of what happened. */
import { type BadRow, MAX_CSV_BYTES } from "../../worker/domain/participant-import";
import { MAX_CAPACITY } from "../../worker/domain/profile";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, textareaText } from "../components/form";

/** Upload or paste form. */
export function ImportForm({
  csrf,
  programId,
  csvText,
  errors,
  questions = [],
}: {
  csrf: string;
  programId: string;
  csvText?: string;
  errors?: Errors;
  /** The labels of the program's own matching questions, which the file may answer in columns of the same name. */
  questions?: string[];
}) {
  const action = `/programs/${programId}/import`;
  return (
    <section id="import" class="narrow">
      <h1>Import participants</h1>
      <p>
        A CSV file with a header line. Required columns: <code>email</code> and <code>role</code> (mentor, mentee or
        coordinator). Optional: <code>name</code>, <code>time_zone</code> (like Europe/Berlin), <code>languages</code>,{" "}
        <code>goals</code>, <code>expertise</code> (several items separated by <code>;</code>), <code>capacity</code>{" "}
        (how many mentees a mentor can take, 0–{MAX_CAPACITY})
        {questions.length ? ", and the program's questions: " : ""}
        {questions.map((q, i) => (
          <>
            {i ? ", " : ""}
            <code>{q}</code>
          </>
        ))}
        . Importing the same file again adds nobody twice and never overwrites what a person filled in.
      </p>
      <p class="hint">
        Imported people are invited: they take part in matching once they accept the invitation, or when you include
        invited people with a complete imported profile in a run.
      </p>
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        hx-post={action}
        hx-target="#import"
        hx-swap="outerHTML"
        hx-encoding="multipart/form-data"
      >
        <CsrfField token={csrf} />
        <Field name="csv" label="CSV file" errors={errors}>
          <input type="file" name="csv" accept=".csv,text/csv" {...describedBy("csv", errors)} />
        </Field>
        <Field name="csv_text" label="…or paste CSV here" errors={errors}>
          <textarea name="csv_text" rows={6} maxlength={MAX_CSV_BYTES} {...describedBy("csv_text", errors)}>
            {textareaText(csvText, MAX_CSV_BYTES)}
          </textarea>
        </Field>
        <button type="submit">Import</button>
      </form>
      <p>
        <a href={`/programs/${programId}`}>Back to the program</a>
      </p>
    </section>
  );
}

interface ResultProps {
  programId: string;
  added: number;
  present: number;
  bad: BadRow[];
  badCount: number;
  notices: string[];
}

/** What an import did: counts, notices and every bad row with its line. */
export function ImportResult({ programId, added, present, bad, badCount, notices }: ResultProps) {
  const shown = bad.slice(0, 200);
  return (
    <section id="import">
      <h1>Import finished</h1>
      <p class={badCount ? "notice" : "success"} role="status">
        Imported {added} participant{added === 1 ? "" : "s"}.{" "}
        {present ? `${present} already in the program (unchanged). ` : ""}
        {badCount ? `${badCount} line${badCount === 1 ? "" : "s"} could not be imported.` : ""}
      </p>
      {notices.map((n) => (
        <p class="muted">{n}</p>
      ))}
      {badCount ? (
        <>
          <h2>Lines not imported</h2>
          <ul class="bad-rows">
            {shown.map((b) => (
              <li>
                Line {b.line}: {b.reason}
              </li>
            ))}
          </ul>
          {badCount > shown.length ? (
            <p>
              …and {badCount - shown.length} more.{" "}
              {"Fix these and import the file again: rows already imported are skipped."}
            </p>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={`/programs/${programId}`}>Back to the program</a> ·{" "}
        <a href={`/programs/${programId}/import`}>Import another file</a>
      </p>
    </section>
  );
}
