/**
 * A program's API tokens for its coordinators: what the API is for, a form to create a token (its secret shown once,
 * right after), and the tokens with their state and a revoke button. Plain forms: works without JavaScript.
 */
import { API_TOKEN_DAYS, API_TOKEN_NAME_MAX, type ApiTokenRow, tokenState } from "../../worker/domain/api/tokens";
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { CsrfField, describedBy, type Errors, ErrorSummary, Field, TextInput } from "../components/form";
import { ProgramNav } from "../components/program-nav";
import { useI18n } from "../i18n";

interface ApiTokensProps {
  program: { id: string; name: string };
  tokens: ApiTokenRow[];
  csrf: string;
  timeZone: string;
  now: number;
  /** A token just created: its secret, shown only on this answer. */
  created?: { name: string; secret: string };
  errors?: Errors;
  typed?: Record<string, string>;
  revoked?: boolean;
  /** This installation's SCIM base URL (…/scim/v2), which an identity provider is given with a read-write token. */
  scimBase: string;
}

const STATE_WORDS = { active: "api.state.active", expired: "api.state.expired", revoked: "api.state.revoked" } as const;

/** The API tokens page. */
export function ApiTokensPage(p: ApiTokensProps) {
  const { t, locale } = useI18n();
  const when = (ms: number | null) => (ms === null ? t("api.never") : formatInstant(ms, p.timeZone, intlTag(locale)));
  const scopeWords = (s: string) => t(s === "write" ? "api.scope.write" : "api.scope.read");
  const base = `/programs/${p.program.id}/api-tokens`;
  const typed: Record<string, string | undefined> = { scope: "read", days: "90", ...p.typed };
  const select = (name: "scope" | "days", options: [string, string][]) => (
    <select name={name} {...describedBy(name, p.errors)}>
      {options.map(([value, words]) => (
        <option value={value} selected={value === typed[name]}>
          {words}
        </option>
      ))}
    </select>
  );
  return (
    <section>
      <ProgramNav programId={p.program.id} tab="api" />
      <h1>{t("api.title")}</h1>
      <p>
        {t("api.intro")} <a href="/api/v1/openapi.json">{t("api.docs")}</a>
      </p>
      <p class="hint">
        {t("scim.hint")} <code>{p.scimBase}</code>
      </p>
      {p.created ? (
        <div class="notice" role="status">
          <h2>{t("api.secret.title", { name: p.created.name })}</h2>
          <p>{t("api.secret.body")}</p>
          <code>{p.created.secret}</code>
        </div>
      ) : p.revoked ? (
        <p class="success" role="status">
          {t("api.revoked")}
        </p>
      ) : null}
      <h2>{t("api.create")}</h2>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={base}>
        <CsrfField token={p.csrf} />
        <TextInput
          name="name"
          label={t("api.name")}
          hint={t("api.name.hint")}
          value={typed.name}
          errors={p.errors}
          maxlength={API_TOKEN_NAME_MAX}
          required
        />
        <Field name="scope" label={t("api.scope")} errors={p.errors}>
          {select(
            "scope",
            ["read", "write"].map((s) => [s, scopeWords(s)]),
          )}
        </Field>
        <Field name="days" label={t("api.days")} errors={p.errors}>
          {select(
            "days",
            API_TOKEN_DAYS.map((d) => [String(d), t("api.daysOption", { days: d })]),
          )}
        </Field>
        <button type="submit">{t("api.createButton")}</button>
      </form>
      <h2>{t("api.list")}</h2>
      {p.tokens.length === 0 ? <p>{t("api.empty")}</p> : null}
      <ul>
        {p.tokens.map((tk) => {
          const state = tokenState(tk, p.now);
          return (
            <li>
              <strong>{tk.name}</strong> · {scopeWords(tk.scope)} ·{" "}
              {t(STATE_WORDS[state], { expires: when(tk.expiresAt), used: when(tk.lastUsedAt) })}
              {state === "active" ? (
                <form method="post" action={`${base}/${tk.id}/revoke`}>
                  <CsrfField token={p.csrf} />
                  <button type="submit" class="secondary">
                    {t("api.revoke")}
                  </button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
