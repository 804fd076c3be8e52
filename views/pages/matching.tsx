/**
 * The coordinator's matching page: run the matcher, review staged proposals with scores and reasons, approve, publish.
 */
import { useReasons } from "../components/match-reasons";
import { scoreChange } from "../../worker/domain/matching/staging";
import type {
  ProposalOrder,
  ProposalRow,
  RunTotals,
  MatchRun,
  UnmatchedPerson,
} from "../../worker/domain/matching/review";
import type { MatchingReadiness } from "../../worker/domain/matching/readiness";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { PROPOSALS_PER_PAGE } from "../../worker/domain/paging";
import type { Program } from "../../worker/domain/records";
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { Pager } from "../components/pager";
import { useI18n } from "../i18n";

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
  nothingToMatch: MessageId | null;
  notice?: string;
  add?: { values: Record<string, string>; errors?: Errors };
}

const ORDER_LABELS: Record<ProposalOrder, MessageId> = {
  weakest: "matching.order.weakest",
  strongest: "matching.order.strongest",
  mentee: "matching.order.mentee",
};

/** The words of each role a not-matched person can have. */
const ROLE_WORDS: Record<string, MessageId> = {
  mentee: "matching.role.mentee",
  mentor: "matching.role.mentor",
  peer: "matching.role.peer",
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
      <bdi>{name || email}</bdi>
      <br />
      <small class="muted">
        <bdi>{email}</bdi> · {zone}
      </small>
    </>
  );
}

/** The score, and the optimiser's original when a hand edit changed it. */
export function Score({ score, original }: { score: number; original: number | null }) {
  const { t } = useI18n();
  return (
    <>
      <strong>{score}</strong>
      {original === null ? (
        <small class="muted"> {t("matching.score.byHand")}</small>
      ) : original !== score ? (
        <small class="muted"> {t("matching.score.proposed", { original, change: scoreChange(original, score) })}</small>
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
  const { t } = useI18n();
  const base = `/programs/${p.id}/matching/${run.id}`;
  const unapproved = totals.count - totals.approved;
  const peer = p.type === "peer" ? "peer" : "other";
  return (
    <div class="notice">
      <p>
        {t("matching.summary.pairs", { n: totals.count, peer })} · {t("matching.summary.total")}{" "}
        <strong>{totals.score}</strong>
        {totals.score !== run.total ? (
          <> {t("matching.summary.optimiser", { total: run.total, change: scoreChange(run.total, totals.score) })}</>
        ) : null}{" "}
        · {t("matching.summary.approved", { n: totals.approved })} ·{" "}
        {t("matching.summary.unmatched", { n: run.unmatched.length })}
      </p>
      <p>
        {unapproved > 0 ? (
          <ActionButton
            csrf={csrf}
            action={`${base}/approve`}
            fields={{ all: "1" }}
            label={t("matching.approveAll", { n: totals.count })}
          />
        ) : null}{" "}
        {totals.approved > 0 ? (
          <ActionButton
            csrf={csrf}
            action={`${base}/publish`}
            label={
              unapproved > 0
                ? t("matching.publishDropping", { n: totals.approved, dropped: unapproved })
                : t("matching.publish", { n: totals.approved })
            }
          />
        ) : null}{" "}
        <ActionButton csrf={csrf} action={`${base}/discard`} label={t("matching.discard")} secondary />
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
  const { t } = useI18n();
  const reasons = useReasons();
  const peer = p.type === "peer";
  return (
    <ul class="cards">
      {proposals.map((r) => (
        <li>
          <div class="grid2">
            <p>
              <small class="muted">{t(peer ? "matching.peer" : "matching.mentee")}</small>
              <br />
              <Who name={r.menteeName} email={r.menteeEmail} zone={r.menteeZone} />
            </p>
            <p>
              <small class="muted">{t(peer ? "matching.peer" : "matching.mentor")}</small>
              <br />
              <Who name={r.mentorName} email={r.mentorEmail} zone={r.mentorZone} />
            </p>
          </div>
          <p>
            {t("matching.score")} <Score score={r.score} original={r.originalScore} />:{" "}
            <small>{reasons(r.reasons)}</small>
          </p>
          <p>
            {r.pairingId ? (
              t("matching.published")
            ) : run.status === "staged" ? (
              <>
                {r.approved ? (
                  <ActionButton
                    csrf={csrf}
                    action={`/programs/${p.id}/matching/${run.id}/approve`}
                    fields={{ proposal_id: r.id, undo: "1" }}
                    label={t("matching.approvedUndo")}
                    secondary
                  />
                ) : (
                  <ActionButton
                    csrf={csrf}
                    action={`/programs/${p.id}/matching/${run.id}/approve`}
                    fields={{ proposal_id: r.id }}
                    label={t("matching.approve")}
                  />
                )}{" "}
                <a href={`/programs/${p.id}/matching/${run.id}/proposals/${r.id}`}>{t("matching.change")}</a>
              </>
            ) : (
              t("matching.notPublished")
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
  const { t } = useI18n();
  return (
    <Pager
      label={t("matching.proposalPages")}
      page={page}
      pages={pages}
      href={(n) => `${base}?order=${order}&page=${n}#proposals`}
    />
  );
}

function UnmatchedList({ props }: { props: MatchingProps }) {
  const { program: p, run, unmatched, unmatchedTotal, csrf } = props;
  if (!run || (unmatchedTotal === 0 && !props.add)) return null;
  const { t } = useI18n();
  const reasons = useReasons();
  const peer = p.type === "peer";
  return (
    <>
      <h2 id="unmatched">{t("matching.unmatched.title", { n: unmatchedTotal })}</h2>
      {unmatchedTotal > 0 ? (
        <ul>
          {unmatched.map((u) => (
            <li>
              <bdi>{u.name || u.email}</bdi>{" "}
              <small class="muted">
                ({ROLE_WORDS[u.role] ? t(ROLE_WORDS[u.role]!) : u.role}, <bdi>{u.email}</bdi>)
              </small>{" "}
              — {reasons([u.reason])}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("matching.unmatched.none")}</p>
      )}
      {unmatchedTotal > unmatched.length ? (
        <p class="muted">{t("matching.unmatched.first", { n: unmatched.length })}</p>
      ) : null}
      {run.status === "staged" ? (
        <form method="post" action={`/programs/${p.id}/matching/${run.id}/proposals`} id="add-pair">
          <h3>{t("matching.add.title")}</h3>
          <ErrorSummary errors={props.add?.errors} />
          <CsrfField token={csrf} />
          <div class="grid2">
            <TextInput
              name="mentee_email"
              label={t(peer ? "matching.add.first" : "matching.add.mentee")}
              type="email"
              value={props.add?.values.mentee_email}
              errors={props.add?.errors}
              required
            />
            <TextInput
              name="mentor_email"
              label={t(peer ? "matching.add.second" : "matching.add.mentor")}
              type="email"
              value={props.add?.values.mentor_email}
              errors={props.add?.errors}
              required
            />
          </div>
          <button type="submit">{t("matching.add.submit")}</button>
        </form>
      ) : null}
    </>
  );
}

/** Who the next run will consider, why the others will not be, and where to fix each. */
function Readiness({
  programId,
  readiness: r,
  nothing,
}: {
  programId: string;
  readiness: MatchingReadiness;
  nothing: MessageId | null;
}) {
  const { t } = useI18n();
  const program = `/programs/${programId}`;
  type Left = { n: number; text: MessageId; fix?: { href: string; label: MessageId } };
  const all: Left[] = [
    {
      n: r.mentees.invited + r.mentors.invited,
      text: "matching.ready.invited",
      fix: { href: `${program}#invite`, label: "matching.ready.invitedFix" },
    },
    {
      n: r.mentors.no_capacity,
      text: "matching.ready.noCapacity",
      fix: { href: `${program}/import`, label: "matching.ready.noCapacityFix" },
    },
    { n: r.mentors.full, text: "matching.ready.full" },
    { n: r.mentees.paired, text: "matching.ready.paired" },
    { n: r.mentees.unavailable + r.mentors.unavailable, text: "matching.ready.unavailable" },
  ];
  const left = all.filter((x) => x.n > 0);
  return (
    <div class="card" id="readiness">
      <h2>{t("matching.ready.title")}</h2>
      <p>
        {t("matching.ready.counts", {
          mentees: r.mentees.ready,
          mentors: r.mentors.ready,
          places: r.freePlaces,
        })}
      </p>
      {nothing ? (
        <p class="notice" role="status">
          {t("matching.ready.nothing", { why: t(nothing) })}
        </p>
      ) : null}
      {left.length ? (
        <>
          <p>{t("matching.ready.left")}</p>
          <ul>
            {left.map((x) => (
              <li>
                {t(x.text, { n: x.n })}
                {x.fix ? (
                  <>
                    {" "}
                    — <a href={x.fix.href}>{t(x.fix.label)}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.incomplete > 0 ? (
        <p class="hint">
          {t("matching.ready.incomplete", { n: r.incomplete })}{" "}
          <a href={`${program}#participants`}>{t("matching.ready.participants")}</a>
        </p>
      ) : null}
    </div>
  );
}

/** The whole matching page. */
export function MatchingPage(props: MatchingProps) {
  const { t, dir } = useI18n();
  const { program: p, run, totals, csrf } = props;
  const base = `/programs/${p.id}/matching`;
  const pages = Math.max(1, Math.ceil(totals.count / PROPOSALS_PER_PAGE));
  return (
    <section>
      <p>
        <a href={`/programs/${p.id}`}>
          {dir === "rtl" ? "→" : "←"} <bdi>{p.name}</bdi>
        </a>
      </p>
      <h1>{t("matching.title")}</h1>
      {props.notice ? (
        <p class="success" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        {t("matching.intro", { language: p.matchSettings?.mustShareLanguage ? "yes" : "no" })}{" "}
        <a href={`${base}/settings`}>{t("matching.settingsLink")}</a> ·{" "}
        <a href={`${base}/fairness`}>{t("matching.fairnessLink")}</a>
      </p>
      {run?.status === "running" ? (
        <p class="notice" role="status">
          {t("matching.running")} <a href={base}>{t("matching.refresh")}</a>
        </p>
      ) : null}
      {run?.status === "failed" ? (
        <p class="error-summary" role="alert">
          {t("matching.failed")}
        </p>
      ) : null}
      {run?.status === "staged" ? <RunSummary program={p} run={run} totals={totals} csrf={csrf} /> : null}
      {run?.status === "published" ? (
        <p class="success">{t("matching.wasPublished", { n: totals.published, total: totals.count })}</p>
      ) : null}
      {run?.status !== "running" ? (
        <form method="post" action={`${base}/run`}>
          <CsrfField token={csrf} />
          {props.readiness.invitedMatchable > 0 ? (
            <p>
              <label class="check">
                <input type="checkbox" name="include_invited" value="1" />{" "}
                {t("matching.includeInvited", { n: props.readiness.invitedMatchable })}
              </label>
            </p>
          ) : null}
          <p>
            <button type="submit" class={run?.status === "staged" ? "secondary" : undefined}>
              {t(run?.status === "staged" ? "matching.runAgain" : "matching.run")}
            </button>{" "}
            <small class="muted">{t("matching.pool", { n: props.poolSize })}</small>
          </p>
        </form>
      ) : null}
      {run?.status !== "staged" && run?.status !== "running" ? (
        <Readiness programId={p.id} readiness={props.readiness} nothing={props.nothingToMatch} />
      ) : null}
      {run && totals.count > 0 ? (
        <>
          <h2 id="proposals">{t("matching.proposals")}</h2>
          <p>
            {t("matching.order")}{" "}
            {(Object.keys(ORDER_LABELS) as ProposalOrder[]).map((o, i) => (
              <>
                {i > 0 ? " · " : null}
                {o === props.order ? (
                  <strong>{t(ORDER_LABELS[o])}</strong>
                ) : (
                  <a href={`${base}?order=${o}#proposals`}>{t(ORDER_LABELS[o])}</a>
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
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("matching.stale.title")}</h1>
      <p>{t("matching.stale.body")}</p>
      <p>
        <a href={`/programs/${programId}/matching`}>{t("matching.stale.link")}</a>
      </p>
    </section>
  );
}
