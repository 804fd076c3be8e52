/** The matching fairness report for coordinators: share matched and best-score statistics, overall and by group. */
import { regionName } from "../components/region-name";
import type { FairnessRole, GroupRow, RoleReport, Stats, FairnessBasis } from "../../worker/domain/matching/fairness";
import { DEFAULT_FAIRNESS_OPTIONS, NOT_GIVEN } from "../../worker/domain/matching/fairness";
import { languageName } from "../../worker/domain/matching/language-names";
import { formatInstant } from "../../worker/domain/format-time";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { intlTag } from "../../worker/domain/i18n/locales";
import { useNumbers } from "../components/charts/numbers";
import { Rich, useI18n } from "../i18n";

interface FairnessPageProps {
  program: { id: string; name: string };
  basis: FairnessBasis;
  reports: RoleReport[];
  /** The role whose groups are shown. */
  role: FairnessRole;
  /** The viewer's time zone, for the run's date. */
  timeZone: string;
}

const ROLE_LABELS: Record<FairnessRole, MessageId> = {
  mentee: "fairness.role.mentee",
  mentor: "fairness.role.mentor",
  peer: "fairness.role.peer",
};

/** The matched, lowest, median and mean cells of a row. */
function ScoreCells({ s }: { s: Stats }) {
  const { t, locale } = useI18n();
  const { num, pct } = useNumbers();
  const number = (n: number | null) => (n === null ? "—" : num(n));
  const mean = (n: number | null) =>
    n === null
      ? "—"
      : new Intl.NumberFormat(intlTag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  return (
    <>
      <td>
        {t("fairness.matchedOf", { matched: num(s.matched), people: num(s.people) })}
        {s.share === null ? "" : ` (${pct(Math.round(s.share))})`}
      </td>
      <td>{number(s.min)}</td>
      <td>{number(s.median)}</td>
      <td>{mean(s.mean)}</td>
    </>
  );
}

const HEAD: MessageId[] = ["fairness.col.matched", "fairness.col.lowest", "fairness.col.median", "fairness.col.mean"];

/** What a group's row says about it: too small, or which way it is worse off. */
function Note({ row }: { row: GroupRow }) {
  const { t, locale } = useI18n();
  if (row.tooFew) return <span class="muted">{t("fairness.tooFew")}</span>;
  const flags = [
    row.lowerScores ? t("fairness.lowerScores") : "",
    row.lowerShare ? t("fairness.fewerMatched") : "",
  ].filter(Boolean);
  return flags.length ? (
    <strong class="error">⚠ {new Intl.ListFormat(intlTag(locale), { type: "unit" }).format(flags)}</strong>
  ) : null;
}

/** A group's name: "others" and "not given" in the viewer's words, regions and languages as `Intl` names them. */
function useGroupName() {
  const { t, locale } = useI18n();
  return (row: GroupRow, kind: "region" | "language" | "attribute") => {
    if (row.kind === "others") return t("fairness.others", { n: row.merged });
    if (row.kind === "not-given" || row.label === NOT_GIVEN) return t("fairness.notGiven");
    if (kind === "language") return languageName(row.label, locale);
    if (kind === "region")
      return row.label === "Other" ? t("fairness.region.other") : regionName(row.label, row.label, t);
    return row.label;
  };
}

/** Which matches the report is about. */
function Basis({ basis, timeZone }: { basis: FairnessBasis; timeZone: string }) {
  const { t, locale } = useI18n();
  if (basis.kind === "staged")
    return (
      <p class="notice">
        <Rich
          id="fairness.basis.staged"
          values={{ n: basis.proposals, when: formatInstant(basis.createdAt, timeZone, intlTag(locale)) }}
          tags={{ time: (c) => <time datetime={new Date(basis.createdAt).toISOString()}>{c}</time> }}
        />
      </p>
    );
  if (basis.kind === "published") return <p class="notice">{t("fairness.basis.published", { n: basis.pairings })}</p>;
  return <p class="notice">{t("fairness.basis.none")}</p>;
}

/** Links to the other roles' groups (plain links, no JavaScript). */
function RoleLinks({ programId, reports, role }: { programId: string; reports: RoleReport[]; role: FairnessRole }) {
  const { t } = useI18n();
  if (reports.length < 2) return null;
  return (
    <nav aria-label={t("fairness.roleNav")}>
      {reports.map((r) =>
        r.role === role ? (
          <strong aria-current="page">{t(ROLE_LABELS[r.role])}</strong>
        ) : (
          <a href={`/programs/${programId}/matching/fairness?role=${r.role}`}>{t(ROLE_LABELS[r.role])}</a>
        ),
      )}
    </nav>
  );
}

/** One breakdown's table of groups. */
function GroupTable({ title, rows }: { title: string; rows: GroupRow[] }) {
  const { t } = useI18n();
  const name = useGroupName();
  const kind = title === "Time zone region" ? "region" : title === "Language" ? "language" : "attribute";
  const heading = kind === "region" ? t("fairness.byRegion") : kind === "language" ? t("fairness.byLanguage") : title;
  return (
    <>
      <h3>{heading}</h3>
      <div class="table-wrap" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("fairness.col.group")}</th>
              {HEAD.map((h) => (
                <th scope="col">{t(h)}</th>
              ))}
              <th scope="col">{t("fairness.col.note")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{name(r, kind)}</th>
                <ScoreCells s={r} />
                <td>
                  <Note row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The whole fairness page. */
export function FairnessPage({ program, basis, reports, role, timeZone }: FairnessPageProps) {
  const { t } = useI18n();
  const o = DEFAULT_FAIRNESS_OPTIONS;
  const shown = reports.find((r) => r.role === role);
  const unscored = reports.some((r) => r.overall.scored < r.overall.matched);
  return (
    <section>
      <h1>{t("fairness.title")}</h1>
      <p>
        <a href={`/programs/${program.id}`}>
          <bdi>{program.name}</bdi>
        </a>{" "}
        · <a href={`/programs/${program.id}/matching`}>{t("matching.title")}</a>
      </p>
      <p>
        <Rich
          id="fairness.intro"
          values={{ meanGap: o.meanGap, shareGap: o.shareGap, minPeople: o.minPeople }}
          tags={{ b: (c) => <strong>{c}</strong> }}
        />
      </p>
      <Basis basis={basis} timeZone={timeZone} />
      {reports.length === 0 ? (
        <p>{t("fairness.nobody")}</p>
      ) : (
        <>
          <h2>{t("fairness.everyone")}</h2>
          <div class="table-wrap" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fairness.col.role")}</th>
                  {HEAD.map((h) => (
                    <th scope="col">{t(h)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr>
                    <th scope="row">{t(ROLE_LABELS[r.role])}</th>
                    <ScoreCells s={r.overall} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {unscored ? <p class="muted">{t("fairness.unscored")}</p> : null}
        </>
      )}
      {shown && basis.kind !== "none" ? (
        <>
          <h2>{t("fairness.byGroup", { role: shown.role })}</h2>
          <RoleLinks programId={program.id} reports={reports} role={shown.role} />
          {shown.breakdowns.map((b) => (
            <GroupTable title={b.title} rows={b.rows} />
          ))}
          <p class="muted">{t("fairness.maxGroups", { n: o.maxGroups })}</p>
        </>
      ) : null}
    </section>
  );
}
