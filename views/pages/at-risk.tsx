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
import { riskReasonMessage } from "../../worker/domain/dashboard/risk-reasons";
import { stageWord } from "../../worker/domain/dashboard/words";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { Child } from "hono/jsx";
import { useNumbers } from "../components/charts/numbers";
import { useI18n } from "../i18n";
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
  const { t } = useI18n();
  return (
    <section>
      <DashboardHead program={program} title={t("dashboard.atRisk.title")} tab="at-risk" />
      <p class="hint">{t("dashboard.atRisk.hint", { zone: list.timeZone })}</p>
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
  const { t } = useI18n();
  const current = view.sort === sort;
  const next: AtRiskView = { sort, dir: current && view.dir === "asc" ? "desc" : "asc", page: 1 };
  return (
    <th scope="col" aria-sort={current ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
      <ViewLink programId={programId} view={next}>
        {label}
        {current ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
        <span class="vh">{t(next.dir === "asc" ? "dashboard.atRisk.sortAsc" : "dashboard.atRisk.sortDesc")}</span>
      </ViewLink>
    </th>
  );
}

/** A time as "12 days ago" with the day under it, or a dash. */
function When({ at, timeZone, now }: { at: number | null; timeZone: string; now: number }) {
  const { t, locale } = useI18n();
  if (at === null) return <>{t("dashboard.atRisk.noneYet")}</>;
  const tag = intlTag(locale);
  return (
    <time datetime={new Date(at).toISOString()}>
      {timeAgo(at, now, tag, t("dashboard.atRisk.justNow"))}
      <br />
      <span class="hint">{formatDay(at, timeZone, tag)}</span>
    </time>
  );
}

/** A risk reason in the viewer's language (a name it quotes kept as written), or the words a coordinator wrote. */
function Reason({ text }: { text: string }) {
  const { t } = useI18n();
  const known = riskReasonMessage(text);
  return known ? t(known.id, known.values) : <bdi>{text}</bdi>;
}

/** The list itself: what htmx swaps when sorting or paging. */
export function AtRiskTable({ programId, list, timeZone, now }: ListProps) {
  const { t } = useI18n();
  const { num } = useNumbers();
  const { rows, total, view } = list;
  const pages = pageCount(total);
  const stageName = (stage: string) => {
    const id = stageWord(stage);
    return id ? t(id) : stage;
  };
  const first = (view.page - 1) * AT_RISK_PER_PAGE + 1;
  return (
    <div id="at-risk-list">
      <p role="status">
        {total === 0
          ? t("dashboard.atRisk.none")
          : t("dashboard.atRisk.count", { n: total, first: num(first), last: num(first + rows.length - 1) })}
      </p>
      {rows.length ? (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.atRisk.members")}</th>
                <SortHeader programId={programId} view={view} sort="stage" label={t("dashboard.col.stage")} />
                <th scope="col">{t("dashboard.atRisk.reason")}</th>
                <SortHeader programId={programId} view={view} sort="since" label={t("dashboard.atRisk.since")} />
                <SortHeader programId={programId} view={view} sort="activity" label={t("dashboard.atRisk.activity")} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/programs/${programId}/pairings/${r.id}`}>{r.members || "—"}</a>
                  </td>
                  <td data-label={t("dashboard.col.stage")}>
                    <span class={`stage stage-${r.stage}`}>{stageName(r.stage)}</span>
                  </td>
                  <td data-label={t("dashboard.atRisk.reason")}>
                    <Reason text={r.reason} />
                  </td>
                  <td data-label={t("dashboard.atRisk.since")}>
                    <When at={r.since} timeZone={timeZone} now={now} />
                  </td>
                  <td data-label={t("dashboard.atRisk.activity")}>
                    <When at={r.lastActivityAt} timeZone={timeZone} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("dashboard.atRisk.pages")} class="pager">
          {view.page > 1 ? (
            <ViewLink programId={programId} view={{ ...view, page: view.page - 1 }} rel="prev">
              {t("dashboard.previous")}
            </ViewLink>
          ) : null}
          <span>{t("dashboard.pageOf", { page: num(view.page), pages: num(pages) })}</span>
          {view.page < pages ? (
            <ViewLink programId={programId} view={{ ...view, page: view.page + 1 }} rel="next">
              {t("dashboard.next")}
            </ViewLink>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
