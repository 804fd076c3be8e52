/** The matching fairness report for coordinators: share matched and best-score statistics, overall and by group. */
import type { FairnessRole, GroupRow, RoleReport, Stats, FairnessBasis } from "../../worker/domain/matching/fairness";
import { DEFAULT_FAIRNESS_OPTIONS } from "../../worker/domain/matching/fairness";
import { formatInstant } from "../../worker/domain/format-time";

interface FairnessPageProps {
  program: { id: string; name: string };
  basis: FairnessBasis;
  reports: RoleReport[];
  /** The role whose groups are shown. */
  role: FairnessRole;
  /** The viewer's time zone, for the run's date. */
  timeZone: string;
}

const ROLE_LABELS: Record<FairnessRole, string> = { mentee: "Mentees", mentor: "Mentors", peer: "Peers" };

const number = (n: number | null) => (n === null ? "—" : String(n));
const mean = (n: number | null) => (n === null ? "—" : n.toFixed(1));

/** "3 of 4 (75%)". */
const matched = (s: Stats) => `${s.matched} of ${s.people}${s.share === null ? "" : ` (${Math.round(s.share)}%)`}`;

/** The matched, lowest, median and mean cells of a row. */
function ScoreCells({ s }: { s: Stats }) {
  return (
    <>
      <td>{matched(s)}</td>
      <td>{number(s.min)}</td>
      <td>{number(s.median)}</td>
      <td>{mean(s.mean)}</td>
    </>
  );
}

const HEAD = ["Matched", "Lowest", "Median", "Mean"];

/** What a group's row says about it: too small, or which way it is worse off. */
function Note({ row }: { row: GroupRow }) {
  if (row.tooFew) return <span class="muted">too few to compare</span>;
  const flags = [row.lowerScores ? "lower scores" : "", row.lowerShare ? "fewer matched" : ""].filter(Boolean);
  return flags.length ? <strong class="error">⚠ {flags.join(", ")}</strong> : null;
}

/** Which matches the report is about. */
function Basis({ basis, timeZone }: { basis: FairnessBasis; timeZone: string }) {
  if (basis.kind === "staged")
    return (
      <p class="notice">
        Based on the staged matching run of{" "}
        <time datetime={new Date(basis.createdAt).toISOString()}>{formatInstant(basis.createdAt, timeZone)}</time> (
        {basis.proposals} proposed {basis.proposals === 1 ? "match" : "matches"}), not published yet. Publishing or
        discarding it changes this report.
      </p>
    );
  if (basis.kind === "published")
    return (
      <p class="notice">
        Based on the published matches: {basis.pairings} active {basis.pairings === 1 ? "pairing" : "pairings"}. There
        is no staged run.
      </p>
    );
  return <p class="notice">There is no staged matching run and no active pairing yet, so nobody counts as matched.</p>;
}

/** Links to the other roles' groups (plain links, no JavaScript). */
function RoleLinks({ programId, reports, role }: { programId: string; reports: RoleReport[]; role: FairnessRole }) {
  if (reports.length < 2) return null;
  return (
    <nav aria-label="Whose groups to show">
      {reports.map((r) =>
        r.role === role ? (
          <strong aria-current="page">{ROLE_LABELS[r.role]}</strong>
        ) : (
          <a href={`/programs/${programId}/matching/fairness?role=${r.role}`}>{ROLE_LABELS[r.role]}</a>
        ),
      )}
    </nav>
  );
}

/** One breakdown's table of groups. */
function GroupTable({ title, rows }: { title: string; rows: GroupRow[] }) {
  return (
    <>
      <h3>{title}</h3>
      <div class="table-wrap" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Group</th>
              {HEAD.map((h) => (
                <th scope="col">{h}</th>
              ))}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
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
  const o = DEFAULT_FAIRNESS_OPTIONS;
  const shown = reports.find((r) => r.role === role);
  const unscored = reports.some((r) => r.overall.scored < r.overall.matched);
  return (
    <section>
      <h1>Matching fairness</h1>
      <p>
        <a href={`/programs/${program.id}`}>{program.name}</a> ·{" "}
        <a href={`/programs/${program.id}/matching`}>Matching</a>
      </p>
      <p>
        Does some group of people get fewer or worse matches? For each group this shows how many people were matched and
        their match scores (0 to 100). The scores are <strong>each matched person's best score</strong>, so someone with
        two matches counts once. A group is marked when its mean score is {o.meanGap} or more points below everyone's in
        the same role, or when its share matched is {o.shareGap} or more percentage points below. Groups of fewer than{" "}
        {o.minPeople} people are listed but too small to compare. Someone who speaks several languages counts in each of
        them.
      </p>
      <Basis basis={basis} timeZone={timeZone} />
      {reports.length === 0 ? (
        <p>There are no active mentors or mentees in this program yet.</p>
      ) : (
        <>
          <h2>Everyone</h2>
          <div class="table-wrap" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  {HEAD.map((h) => (
                    <th scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr>
                    <th scope="row">{ROLE_LABELS[r.role]}</th>
                    <ScoreCells s={r.overall} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {unscored ? (
            <p class="muted">Some matches have no recorded score: they count as matched but not in the scores.</p>
          ) : null}
        </>
      )}
      {shown && basis.kind !== "none" ? (
        <>
          <h2>{ROLE_LABELS[shown.role]} by group</h2>
          <RoleLinks programId={program.id} reports={reports} role={shown.role} />
          {shown.breakdowns.map((b) => (
            <GroupTable title={b.title} rows={b.rows} />
          ))}
          <p class="muted">
            Only the {o.maxGroups} largest groups of each kind are listed; the rest are merged into "others", counting
            each person once.
          </p>
        </>
      ) : null}
    </section>
  );
}
