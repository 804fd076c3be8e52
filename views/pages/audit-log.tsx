/** A program's audit log: when, who, what, which pairing, and the short details each action recorded. */
import { EmptyState } from "../components/empty-state";
import {
  AUDIT_ACTIONS,
  AUDIT_CHANGE_LABELS,
  AUDIT_COUNT_LABELS,
  AUDIT_FIELD_LABELS,
  type AuditRow,
} from "../../worker/domain/audit";
import { AUDIENCE_LABELS, type Audience } from "../../worker/domain/coordinator/audience";
import { TEMPLATE_LABELS } from "../../worker/domain/coordinator/template-changes";
import { formatInstant } from "../../worker/domain/format-time";
import { stageName } from "../../worker/domain/program-home";
import { roleName } from "../../worker/domain/program";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { MessageId, Translate } from "../../worker/domain/i18n/translate";
import { Rich, useI18n } from "../i18n";
import type { Child } from "hono/jsx";
import { ProgramNav } from "../components/program-nav";
import { Pager } from "../components/pager";

interface AuditLogProps {
  program: { id: string; name: string };
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  timeZone: string;
}

/** A logged value as shown: a dash for none, yes/no, or the value. */
const text = (v: unknown, t: Translate) =>
  v === null ? "—" : typeof v === "boolean" ? t(v ? "programs.journey.yes" : "programs.journey.no") : String(v);

/** A word from a fixed list as a message id, or the stored word when the list does not know it. */
const say = (t: Translate, id: MessageId | null | undefined, stored: string) => (id ? t(id) : stored);

/** A coordinator's own words inside a sentence (`<v>`): isolated, and marked as theirs. */
const PERSON_TEXT = { v: (children: Child) => <bdi>{children}</bdi> };

/** The short facts of one entry, as sentences (never chat, notes or agreement text). */
function Details({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useI18n();
  const parts: Child[] = [];
  if (typeof detail.reason === "string" && detail.reason)
    parts.push(<Rich id="programs.audit.reason" values={{ reason: detail.reason }} tags={PERSON_TEXT} />);
  if (typeof detail.audience === "string") {
    const label = say(t, AUDIENCE_LABELS[detail.audience as Audience], detail.audience);
    parts.push(
      typeof detail.stage === "string"
        ? t("programs.audit.toStage", { who: label, stage: say(t, stageName(detail.stage), detail.stage) })
        : t("programs.audit.to", { who: label }),
    );
  }
  if (typeof detail.count === "number") parts.push(t("programs.audit.recipients", { count: detail.count }));
  if (typeof detail.subject === "string")
    parts.push(<Rich id="programs.audit.subject" values={{ subject: detail.subject }} tags={PERSON_TEXT} />);
  if (typeof detail.role === "string")
    parts.push(t("programs.audit.as", { role: say(t, roleName(detail.role), detail.role) }));
  if (typeof detail.change === "string") parts.push(say(t, AUDIT_CHANGE_LABELS[detail.change], detail.change));
  if (detail.counts && typeof detail.counts === "object") {
    const counts = Object.entries(detail.counts as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === "number",
    );
    const words = (k: string, n: number) => {
      const id = AUDIT_COUNT_LABELS[k];
      return id ? t(id, { count: n }) : `${n} ${k}`;
    };
    if (counts.length) parts.push(counts.map(([k, n]) => words(k, n)).join(" · "));
  }
  if (typeof detail.score === "string") parts.push(t("programs.audit.score", { score: detail.score }));
  if (detail.changes && typeof detail.changes === "object") {
    for (const [field, pair] of Object.entries(detail.changes as Record<string, unknown>)) {
      const label = TEMPLATE_LABELS[field as keyof typeof TEMPLATE_LABELS] ?? AUDIT_FIELD_LABELS[field];
      if (Array.isArray(pair))
        parts.push(
          t("programs.audit.changed", {
            field: say(t, label, field),
            before: text(pair[0], t),
            after: text(pair[1], t),
          }),
        );
    }
  }
  return parts.length ? (
    parts.map((p, i) =>
      i ? (
        <>
          <br />
          {p}
        </>
      ) : (
        p
      ),
    )
  ) : (
    <>—</>
  );
}

/** The audit log page. */
export function AuditLogPage({ program, rows, total, page, pages, timeZone }: AuditLogProps) {
  const { t, locale } = useI18n();
  const base = `/programs/${program.id}/audit`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="audit" />
      <h1>{t("programs.audit.title", { count: total })}</h1>
      <p class="hint">{t("programs.audit.intro", { zone: timeZone })}</p>
      {rows.length === 0 ? (
        <EmptyState icon="list">{t("programs.audit.empty")}</EmptyState>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t("programs.audit.when")}</th>
                <th scope="col">{t("programs.audit.who")}</th>
                <th scope="col">{t("programs.audit.what")}</th>
                <th scope="col">{t("programs.audit.pairing")}</th>
                <th scope="col">{t("programs.audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{formatInstant(r.at, timeZone, intlTag(locale))}</td>
                  <td data-label={t("programs.audit.who")}>
                    {r.actorId === null
                      ? "Trellis"
                      : r.actorDeleted
                        ? t("programs.audit.deleted")
                        : r.actorName || t("programs.audit.unknown")}
                  </td>
                  <td data-label={t("programs.audit.what")}>
                    {say(t, AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS], r.action)}
                  </td>
                  <td data-label={t("programs.audit.pairing")}>
                    {r.pairingId ? (
                      <a href={`/programs/${program.id}/pairings/${r.pairingId}`}>{t("programs.audit.open")}</a>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td data-label={t("programs.audit.details")}>
                    <Details detail={r.detail ?? {}} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label={t("programs.audit.pages")}
        page={page}
        pages={pages}
        href={(n) => `${base}?page=${n}`}
        previous={t("programs.audit.newer")}
        next={t("programs.audit.older")}
      />
    </section>
  );
}
