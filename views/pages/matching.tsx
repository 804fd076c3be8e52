/**
 * The coordinator's matching page: run the matcher, review staged proposals with scores and reasons, approve, publish.
 */
import { scoreChange } from "../../worker/domain/matching/staging";
import type {
  ProposalOrder,
  ProposalRow,
  RunTotals,
  MatchRun,
  UnmatchedPerson,
} from "../../worker/domain/matching/review";
import type { MatchingReadiness } from "../../worker/domain/matching/readiness";
import { PROPOSALS_PER_PAGE } from "../../worker/domain/paging";
import type { Program } from "../../worker/domain/records";
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { Pager } from "../components/pager";

interface MatchingProps {
  csrf: string;
  program: Program;
  run: MatchRun | null;
  totals: RunTotals;
  proposals: ProposalRow[];
  unmatched: UnmatchedPerson[];
  unmatchedTotal: number;
  page: number;
  order: ProposalOrder;
  /** People who could be matched now (active mentees, or peers). */
  poolSize: number;
  /** Who the next run considers, and why the others are left out. */
  readiness: MatchingReadiness;
  /** Why a run now would propose nothing, or null. */
  nothingToMatch: string | null;
  notice?: string;
  add?: { values: Record<string, string>; errors?: Errors };
}

const ORDER_LABELS: Record<ProposalOrder, string> = {
  weakest: "weakest first",
  strongest: "strongest first",
  mentee: "by mentee name",
};

/** A small POST button form. */
export function ActionButton({
  csrf,
  action,
  label,
  fields = {},
  secondary = false,
}: {
  csrf: string;
  action: string;
  label: string;
  fields?: Record<string, string>;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField token={csrf} />
      {Object.entries(fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={secondary ? "secondary" : undefined}>
        {label}
      </button>
    </form>
  );
}

/** A person's name with their email and time zone underneath. */
export function Who({ name, email, zone }: { name: string; email: string; zone: string }) {
  return (
    <>
      {name || email}
      <br />
      <small class="muted">
        {email} · {zone}
      </small>
    </>
  );
}

/** The score, and the optimiser's original when a hand edit changed it. */
export function Score({ score, original }: { score: number; original: number | null }) {
  return (
    <>
      <strong>{score}</strong>
      {original === null ? (
        <small class="muted"> (added by hand)</small>
      ) : original !== score ? (
        <small class="muted">
          {" "}
          (proposed {original}, {scoreChange(original, score)})
        </small>
      ) : null}
    </>
  );
}

function RunSummary({
  program: p,
  run,
  totals,
  csrf,
}: {
  program: Program;
  run: MatchRun;
  totals: RunTotals;
  csrf: string;
}) {
  const base = `/programs/${p.id}/matching/${run.id}`;
  const unapproved = totals.count - totals.approved;
  const peer = p.type === "peer";
  return (
    <div class="notice">
      <p>
        {totals.count} {peer ? "peer pairs" : "proposed pairs"} · total score <strong>{totals.score}</strong>
        {totals.score !== run.total ? (
          <>
            {" "}
            (optimiser: {run.total}, {scoreChange(run.total, totals.score)})
          </>
        ) : null}{" "}
        · {totals.approved} approved · {run.unmatched.length} not matched
      </p>
      <p>
        {unapproved > 0 ? (
          <ActionButton
            csrf={csrf}
            action={`${base}/approve`}
            fields={{ all: "1" }}
            label={`Approve all ${totals.count}`}
          />
        ) : null}{" "}
        {totals.approved > 0 ? (
          <ActionButton
            csrf={csrf}
            action={`${base}/publish`}
            label={`Publish ${totals.approved} approved${unapproved > 0 ? ` (${unapproved} not approved will be dropped)` : ""}`}
          />
        ) : null}{" "}
        <ActionButton csrf={csrf} action={`${base}/discard`} label="Discard this run" secondary />
      </p>
    </div>
  );
}

function ProposalList({
  program: p,
  run,
  proposals,
  csrf,
}: {
  program: Program;
  run: MatchRun;
  proposals: ProposalRow[];
  csrf: string;
}) {
  const peer = p.type === "peer";
  return (
    <ul class="cards">
      {proposals.map((r) => (
        <li>
          <div class="grid2">
            <p>
              <small class="muted">{peer ? "Peer" : "Mentee"}</small>
              <br />
              <Who name={r.menteeName} email={r.menteeEmail} zone={r.menteeZone} />
            </p>
            <p>
              <small class="muted">{peer ? "Peer" : "Mentor"}</small>
              <br />
              <Who name={r.mentorName} email={r.mentorEmail} zone={r.mentorZone} />
            </p>
          </div>
          <p>
            Score <Score score={r.score} original={r.originalScore} />: <small>{r.reasons.join(" · ")}</small>
          </p>
          <p>
            {r.pairingId ? (
              "Published."
            ) : run.status === "staged" ? (
              <>
                {r.approved ? (
                  <ActionButton
                    csrf={csrf}
                    action={`/programs/${p.id}/matching/${run.id}/approve`}
                    fields={{ proposal_id: r.id, undo: "1" }}
                    label="Approved ✓ (undo)"
                    secondary
                  />
                ) : (
                  <ActionButton
                    csrf={csrf}
                    action={`/programs/${p.id}/matching/${run.id}/approve`}
                    fields={{ proposal_id: r.id }}
                    label="Approve"
                  />
                )}{" "}
                <a href={`/programs/${p.id}/matching/${run.id}/proposals/${r.id}`}>Change</a>
              </>
            ) : (
              "Not published."
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ProposalPager({
  base,
  page,
  pages,
  order,
}: {
  base: string;
  page: number;
  pages: number;
  order: ProposalOrder;
}) {
  return (
    <Pager
      label="Proposal pages"
      page={page}
      pages={pages}
      href={(n) => `${base}?order=${order}&page=${n}#proposals`}
    />
  );
}

function UnmatchedList({ props }: { props: MatchingProps }) {
  const { program: p, run, unmatched, unmatchedTotal, csrf } = props;
  if (!run || (unmatchedTotal === 0 && !props.add)) return null;
  const peer = p.type === "peer";
  return (
    <>
      <h2 id="unmatched">Not matched ({unmatchedTotal})</h2>
      {unmatchedTotal > 0 ? (
        <ul>
          {unmatched.map((u) => (
            <li>
              {u.name || u.email}{" "}
              <small class="muted">
                ({u.role}, {u.email})
              </small>{" "}
              — {u.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>Everyone is in a proposal.</p>
      )}
      {unmatchedTotal > unmatched.length ? <p class="muted">Showing the first {unmatched.length}.</p> : null}
      {run.status === "staged" ? (
        <form method="post" action={`/programs/${p.id}/matching/${run.id}/proposals`} id="add-pair">
          <h3>Pair someone by hand</h3>
          <ErrorSummary errors={props.add?.errors} />
          <CsrfField token={csrf} />
          <div class="grid2">
            <TextInput
              name="mentee_email"
              label={peer ? "First person's email" : "Mentee's email"}
              type="email"
              value={props.add?.values.mentee_email}
              errors={props.add?.errors}
              required
            />
            <TextInput
              name="mentor_email"
              label={peer ? "Second person's email" : "Mentor's email"}
              type="email"
              value={props.add?.values.mentor_email}
              errors={props.add?.errors}
              required
            />
          </div>
          <button type="submit">Add this pair</button>
        </form>
      ) : null}
    </>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Who the next run will consider, why the others will not be, and where to fix each. */
function Readiness({
  programId,
  readiness: r,
  nothing,
}: {
  programId: string;
  readiness: MatchingReadiness;
  nothing: string | null;
}) {
  const program = `/programs/${programId}`;
  const left: { n: number; text: string; fix?: { href: string; label: string } }[] = [
    {
      n: r.mentees.invited + r.mentors.invited,
      text: "invited and not joined yet: people take part once they accept their invitation",
      fix: { href: `${program}#invite`, label: "Email pending invitations" },
    },
    {
      n: r.mentors.no_capacity,
      text: "mentors with no capacity set (how many mentees they can take)",
      fix: { href: `${program}/import`, label: "Import again with a capacity column" },
    },
    { n: r.mentors.full, text: "mentors whose places are all taken" },
    { n: r.mentees.paired, text: "mentees who already have all the mentors the program allows" },
    { n: r.mentees.unavailable + r.mentors.unavailable, text: "people who switched themselves to unavailable" },
  ].filter((x) => x.n > 0);
  return (
    <div class="card" id="readiness">
      <h2>Who the next run considers</h2>
      <p>
        {plural(r.mentees.ready, "mentee", "mentees")} waiting for a mentor, and{" "}
        {plural(r.mentors.ready, "mentor", "mentors")} with {plural(r.freePlaces, "free place", "free places")}.
      </p>
      {nothing ? (
        <p class="notice" role="status">
          A run now would propose nothing: {nothing}
        </p>
      ) : null}
      {left.length ? (
        <>
          <p>Not considered:</p>
          <ul>
            {left.map((x) => (
              <li>
                {x.n} {x.text}
                {x.fix ? (
                  <>
                    {" "}
                    — <a href={x.fix.href}>{x.fix.label}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.incomplete > 0 ? (
        <p class="hint">
          {plural(r.incomplete, "person has", "people have")} not finished their profile yet (time zone, availability,
          languages, goals or expertise): they are matched only on what they gave.{" "}
          <a href={`${program}#participants`}>Participants</a>
        </p>
      ) : null}
    </div>
  );
}

/** The whole matching page. */
export function MatchingPage(props: MatchingProps) {
  const { program: p, run, totals, csrf } = props;
  const base = `/programs/${p.id}/matching`;
  const pages = Math.max(1, Math.ceil(totals.count / PROPOSALS_PER_PAGE));
  return (
    <section>
      <p>
        <a href={`/programs/${p.id}`}>← {p.name}</a>
      </p>
      <h1>Matching</h1>
      {props.notice ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        Trellis finds the pairs with the highest total score that respect every mentor's capacity and every hard rule
        (availability switch, avoid lists, pairs that ended before
        {p.matchSettings?.mustShareLanguage ? ", a shared language" : ""}). You review the proposals, change any by
        hand, approve and publish. <a href={`${base}/settings`}>Weights and rules</a> ·{" "}
        <a href={`${base}/fairness`}>Fairness report</a>
      </p>
      {run?.status === "running" ? (
        <p class="notice" role="status">
          Matching is running for this large program; it usually takes under a minute. <a href={base}>Refresh</a>
        </p>
      ) : null}
      {run?.status === "failed" ? (
        <p class="error-summary" role="alert">
          {run.error}
        </p>
      ) : null}
      {run?.status === "staged" ? <RunSummary program={p} run={run} totals={totals} csrf={csrf} /> : null}
      {run?.status === "published" ? (
        <p class="success">
          Published {totals.published} of {totals.count} proposals as pairings. Run matching again to pair the people
          still waiting.
        </p>
      ) : null}
      {run?.status !== "running" ? (
        <form method="post" action={`${base}/run`}>
          <CsrfField token={csrf} />
          {props.readiness.invitedMatchable > 0 ? (
            <p>
              <label class="check">
                <input type="checkbox" name="include_invited" value="1" /> Also match the{" "}
                {props.readiness.invitedMatchable} invited{" "}
                {props.readiness.invitedMatchable === 1 ? "person" : "people"} who have not joined yet but whose
                imported profile says enough (goals; expertise and a capacity for mentors). Publishing sends them their
                invitation together with the news of their match.
              </label>
            </p>
          ) : null}
          <p>
            <button type="submit" class={run?.status === "staged" ? "secondary" : undefined}>
              {run?.status === "staged" ? "Run matching again (replaces these proposals)" : "Run matching"}
            </button>{" "}
            <small class="muted">{props.poolSize} active participants</small>
          </p>
        </form>
      ) : null}
      {run?.status !== "staged" && run?.status !== "running" ? (
        <Readiness programId={p.id} readiness={props.readiness} nothing={props.nothingToMatch} />
      ) : null}
      {run && totals.count > 0 ? (
        <>
          <h2 id="proposals">Proposals</h2>
          <p>
            Order:{" "}
            {(Object.keys(ORDER_LABELS) as ProposalOrder[]).map((o, i) => (
              <>
                {i > 0 ? " · " : null}
                {o === props.order ? (
                  <strong>{ORDER_LABELS[o]}</strong>
                ) : (
                  <a href={`${base}?order=${o}#proposals`}>{ORDER_LABELS[o]}</a>
                )}
              </>
            ))}
          </p>
          <ProposalList program={p} run={run} proposals={props.proposals} csrf={csrf} />
          <ProposalPager base={base} page={props.page} pages={pages} order={props.order} />
        </>
      ) : null}
      <UnmatchedList props={props} />
    </section>
  );
}

/** 409: the run was published, discarded or replaced since the page was loaded. */
export function StaleRunPage({ programId }: { programId: string }) {
  return (
    <section class="narrow">
      <h1>These proposals can no longer be changed</h1>
      <p>
        This matching run was published, discarded or replaced by a newer run since you opened it. Nothing was changed.
      </p>
      <p>
        <a href={`/programs/${programId}/matching`}>See the current matching</a>
      </p>
    </section>
  );
}
