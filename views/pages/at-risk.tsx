/** The at-risk list: flagged pairings with members, stage, reason, since when and last activity; sortable and paged. */
import type { AtRiskList } from "../../worker/domain/dashboard/figures";
import {
  AT_RISK_PER_PAGE,
  type AtRiskSort,
  type AtRiskView,
  atRiskQuery,
  pageCount,
} from "../../worker/domain/dashboard/at-risk-params";
import { formatDay, timeAgo } from "../../worker/domain/dashboard/relative-time";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { Child } from "hono/jsx";
import { DashboardHead } from "./dashboard-parts";

interface ListProps {
  programId: string;
  list: AtRiskList;
  timeZone: string;
  now: number;
}

/** The whole page around the list. */
export function AtRiskPage({
  program,
  ...list
}: Omit<ListProps, "programId"> & { program: { id: string; name: string } }) {
  return (
    <section>
      <DashboardHead program={program} title="At risk" tab="at-risk" />
      <p class="hint">
        Pairings the journey flagged because a milestone slipped; the flag clears when the pairing recovers. Dates are
        in your time zone ({list.timeZone}).
      </p>
      <AtRiskTable programId={program.id} {...list} />
    </section>
  );
}

/** A link to another view of the list: a plain link, which htmx turns into a swap of the list alone. */
function ViewLink({
  programId,
  view,
  children,
  rel,
}: {
  programId: string;
  view: AtRiskView;
  children: Child;
  rel?: string;
}) {
  const href = `/programs/${programId}/at-risk${atRiskQuery(view)}`;
  return (
    <a href={href} rel={rel} hx-get={href} hx-target="#at-risk-list" hx-swap="outerHTML" hx-push-url="true">
      {children}
    </a>
  );
}

/** A sortable column header: sorted columns say which way; following the link sorts by it (again: the other way). */
function SortHeader({
  programId,
  view,
  sort,
  label,
}: {
  programId: string;
  view: AtRiskView;
  sort: AtRiskSort;
  label: string;
}) {
  const current = view.sort === sort;
  const next: AtRiskView = { sort, dir: current && view.dir === "asc" ? "desc" : "asc", page: 1 };
  return (
    <th scope="col" aria-sort={current ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
      <ViewLink programId={programId} view={next}>
        {label}
        {current ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
        <span class="vh">{`, sort ${next.dir === "asc" ? "ascending" : "descending"}`}</span>
      </ViewLink>
    </th>
  );
}

/** A time as "12 days ago" with the day under it, or a dash. */
function When({ at, timeZone, now }: { at: number | null; timeZone: string; now: number }) {
  if (at === null) return <>none yet</>;
  return (
    <time datetime={new Date(at).toISOString()}>
      {timeAgo(at, now)}
      <br />
      <span class="hint">{formatDay(at, timeZone)}</span>
    </time>
  );
}

/** The list itself: what htmx swaps when sorting or paging. */
export function AtRiskTable({ programId, list, timeZone, now }: ListProps) {
  const { rows, total, view } = list;
  const pages = pageCount(total);
  const first = (view.page - 1) * AT_RISK_PER_PAGE + 1;
  return (
    <div id="at-risk-list">
      <p role="status">
        {total === 0
          ? "No pairing is at risk."
          : `${total} ${total === 1 ? "pairing" : "pairings"} at risk; showing ${first}–${first + rows.length - 1}.`}
      </p>
      {rows.length ? (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">Members</th>
                <SortHeader programId={programId} view={view} sort="stage" label="Stage" />
                <th scope="col">Reason</th>
                <SortHeader programId={programId} view={view} sort="since" label="Flagged since" />
                <SortHeader programId={programId} view={view} sort="activity" label="Last activity" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/programs/${programId}/pairings/${r.id}`}>{r.members || "—"}</a>
                  </td>
                  <td data-label="Stage">
                    <span class={`stage stage-${r.stage}`}>{STAGE_LABELS[r.stage as Stage] ?? r.stage}</span>
                  </td>
                  <td data-label="Reason">{r.reason}</td>
                  <td data-label="Flagged since">
                    <When at={r.since} timeZone={timeZone} now={now} />
                  </td>
                  <td data-label="Last activity">
                    <When at={r.lastActivityAt} timeZone={timeZone} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="At-risk pages" class="pager">
          {view.page > 1 ? (
            <ViewLink programId={programId} view={{ ...view, page: view.page - 1 }} rel="prev">
              ← Previous
            </ViewLink>
          ) : null}
          <span>
            Page {view.page} of {pages}
          </span>
          {view.page < pages ? (
            <ViewLink programId={programId} view={{ ...view, page: view.page + 1 }} rel="next">
              Next →
            </ViewLink>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
