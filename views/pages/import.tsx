/** Importing participants from CSV: the form, and the report of what happened. */
import { type BadRow, MAX_CSV_BYTES, rowProblems } from "../../worker/domain/participant-import";
import { messageOf } from "../../worker/domain/i18n/translate";
import { Rich, useI18n } from "../i18n";
import { MAX_CAPACITY } from "../../worker/domain/profile";
import type { Child } from "hono/jsx";
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
  const { t } = useI18n();
  const action = `/programs/${programId}/import`;
  const code = (children: Child) => <code>{children}</code>;
  return (
    <section id="import" class="narrow">
      <h1>{t("programs.import.formTitle")}</h1>
      <p>
        <Rich id="programs.import.columns" values={{ max: MAX_CAPACITY }} tags={{ code }} />
        {questions.length ? (
          <>
            {" "}
            {t("programs.import.questions")}{" "}
            {questions.map((q, i) => (
              <>
                {i ? ", " : ""}
                <code>{q}</code>
              </>
            ))}
          </>
        ) : null}
      </p>
      <p>{t("programs.import.again")}</p>
      <p class="hint">{t("programs.import.invited")}</p>
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
        <Field name="csv" label={t("programs.import.file")} errors={errors}>
          <input type="file" name="csv" accept=".csv,text/csv" {...describedBy("csv", errors)} />
        </Field>
        <Field name="csv_text" label={t("programs.import.paste")} errors={errors}>
          <textarea name="csv_text" rows={6} maxlength={MAX_CSV_BYTES} {...describedBy("csv_text", errors)}>
            {textareaText(csvText, MAX_CSV_BYTES)}
          </textarea>
        </Field>
        <button type="submit">{t("programs.import.submit")}</button>
      </form>
      <p>
        <a href={`/programs/${programId}`}>{t("programs.import.back")}</a>
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
  const { t } = useI18n();
  const say = (text: string) => {
    const m = messageOf(text);
    return m ? t(m.id, m.values) : text;
  };
  const shown = bad.slice(0, 200);
  return (
    <section id="import">
      <h1>{t("programs.import.doneTitle")}</h1>
      <p class={badCount ? "notice" : "success"} role="status">
        {t("programs.import.added", { count: added })}
        {present ? ` ${t("programs.import.present", { count: present })}` : ""}
        {badCount ? ` ${t("programs.import.badCount", { count: badCount })}` : ""}
      </p>
      {notices.map((n) => (
        <p class="muted">{say(n)}</p>
      ))}
      {badCount ? (
        <>
          <h2>{t("programs.import.badTitle")}</h2>
          <ul class="bad-rows">
            {shown.map((b) => (
              <li>{t("programs.import.line", { line: b.line, reason: rowProblems(b.reason).map(say).join("; ") })}</li>
            ))}
          </ul>
          {badCount > shown.length ? <p>{t("programs.import.more", { count: badCount - shown.length })}</p> : null}
        </>
      ) : null}
      <p>
        <a href={`/programs/${programId}`}>{t("programs.import.back")}</a> ·{" "}
        <a href={`/programs/${programId}/import`}>{t("programs.import.another")}</a>
      </p>
    </section>
  );
}
