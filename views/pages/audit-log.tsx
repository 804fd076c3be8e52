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
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
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

const text = (v: unknown) => (v === null ? "—" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

/** The short facts of one entry, as sentences (never chat, notes or agreement text). */
function Details({ detail }: { detail: Record<string, unknown> }) {
  const parts: string[] = [];
  if (typeof detail.reason === "string" && detail.reason) parts.push(`Reason: ${detail.reason}`);
  if (typeof detail.audience === "string") {
    const label = AUDIENCE_LABELS[detail.audience as Audience] ?? detail.audience;
    parts.push(
      `To: ${label}${typeof detail.stage === "string" ? ` (${STAGE_LABELS[detail.stage as Stage] ?? detail.stage})` : ""}`,
    );
  }
  if (typeof detail.count === "number") parts.push(`${detail.count} recipient${detail.count === 1 ? "" : "s"}`);
  if (typeof detail.subject === "string") parts.push(`Subject: ${detail.subject}`);
  if (typeof detail.role === "string") parts.push(`As: ${detail.role}`);
  if (typeof detail.change === "string") parts.push(AUDIT_CHANGE_LABELS[detail.change] ?? detail.change);
  if (detail.counts && typeof detail.counts === "object") {
    const counts = Object.entries(detail.counts as Record<string, unknown>).filter(([, n]) => typeof n === "number");
    const word = (k: string, n: unknown) => AUDIT_COUNT_LABELS[k]?.[n === 1 ? 0 : 1] ?? k;
    if (counts.length) parts.push(counts.map(([k, n]) => `${n} ${word(k, n)}`).join(" · "));
  }
  if (typeof detail.score === "string") parts.push(`Score: ${detail.score}`);
  if (detail.changes && typeof detail.changes === "object") {
    for (const [field, pair] of Object.entries(detail.changes as Record<string, unknown>)) {
      if (Array.isArray(pair))
        parts.push(
          `${TEMPLATE_LABELS[field as keyof typeof TEMPLATE_LABELS] ?? AUDIT_FIELD_LABELS[field] ?? field}: ${text(pair[0])} → ${text(pair[1])}`,
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
  const base = `/programs/${program.id}/audit`;
  return (
    <section>
      <ProgramNav programId={program.id} tab="audit" />
      <h1>Audit log ({total})</h1>
      <p class="hint">Every action a coordinator took in this program, newest first. Times are in {timeZone}.</p>
      {rows.length === 0 ? (
        <EmptyState icon="list">Nothing has been done yet.</EmptyState>
      ) : (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Pairing</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{formatInstant(r.at, timeZone)}</td>
                  <td data-label="Who">
                    {r.actorId === null
                      ? "Trellis"
                      : r.actorDeleted
                        ? "Deleted person"
                        : r.actorName || "Unknown person"}
                  </td>
                  <td data-label="What">{AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action}</td>
                  <td data-label="Pairing">
                    {r.pairingId ? <a href={`/programs/${program.id}/pairings/${r.pairingId}`}>Open pairing</a> : "—"}
                  </td>
                  <td data-label="Details">
                    <Details detail={r.detail ?? {}} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Audit log pages"
        page={page}
        pages={pages}
        href={(n) => `${base}?page=${n}`}
        previous="← Newer"
        next="Older →"
      />
    </section>
  );
}
