/** Home pages. */
import { listText } from "../../worker/domain/i18n/intl";
import type { MessageId } from "../../worker/domain/i18n/translate";
import type { OwnPairing } from "../../worker/domain/pairing";
import type { Person } from "../../worker/domain/records";
import type { NextVideoMeeting, Partner, WaitingItem } from "../../worker/domain/waiting";
import { BothZones, NextMeeting, WithNames } from "../components/next-meeting";
import { GapList } from "./onboarding";
import { Icon, type IconName } from "../components/icon";
import { Avatar } from "../components/avatar";
import { Rich, useI18n } from "../i18n";

/** What a visitor reads about Trellis: three cards under the welcome. */
const FEATURES: [IconName, MessageId, MessageId][] = [
  ["match", "home.feature.matched", "home.feature.matchedText"],
  ["flag", "home.feature.guided", "home.feature.guidedText"],
  ["clock", "home.feature.fits", "home.feature.fitsText"],
];

/** For visitors: what Trellis is and how to get in. */
export function Welcome() {
  const { t } = useI18n();
  return (
    <section>
      <div class="narrow">
        <h1>{t("home.welcome.title")}</h1>
        <p>{t("home.welcome.intro")}</p>
        <p>
          <a class="button" href="/signin">
            {t("home.welcome.signIn")}
            <Icon name="arrow" />
          </a>
        </p>
      </div>
      <div class="tiles">
        {FEATURES.map(([icon, title, text]) => (
          <section class="card">
            <h2>
              <Icon name={icon} /> {t(title)}
            </h2>
            <p>{t(text)}</p>
          </section>
        ))}
      </div>
    </section>
  );
}

interface MembershipRow {
  id: string;
  name: string;
  type: string;
  role: string;
  status: string;
}

/** Milestone check-ins have their own names; any other is "the check-in". */
const milestoneKey = (m: string) => (m === "mid-point" ? "midpoint" : m === "wrap-up" ? "wrapup" : "other");

/** One waiting item: what to do, as a link, and when it stops waiting. */
function WaitingLine({ item, zone }: { item: WaitingItem; zone: string }) {
  const { t } = useI18n();
  const when = (at: number, partners: readonly Partner[] = []) => ({
    when: () => <BothZones at={at} viewerZone={zone} partners={partners} />,
  });
  switch (item.kind) {
    case "request":
      return (
        <>
          <a href={item.path}>{t("waiting.request", { count: item.count, name: item.fromName })}</a>{" "}
          <span class="muted">
            <Rich id="home.waiting.expires" values={{ program: item.programName }} tags={when(item.expiresAt)} />
          </span>
        </>
      );
    case "agreement":
      return (
        <>
          <a href={item.path}>{t("waiting.agreement", { action: item.action })}</a>
          <span class="muted">
            <WithNames partners={item.partners} /> ({item.programName})
          </span>
        </>
      );
    case "meeting":
      return (
        <>
          <a href={item.path}>{t("waiting.meeting", { title: item.title })}</a>
          <span class="muted">
            <WithNames partners={item.partners} />:{" "}
          </span>
          <BothZones at={item.start} viewerZone={zone} partners={item.partners} />
        </>
      );
    case "checkin":
      return (
        <>
          <a href={item.path}>{t("waiting.checkin", { milestone: milestoneKey(item.milestone) })}</a>
          <span class="muted">
            <WithNames partners={item.partners} />, <Rich id="home.waiting.openUntil" tags={when(item.closesAt)} />
          </span>
        </>
      );
    case "survey":
      return (
        <>
          <a href={item.path} dir="auto">
            {t("surveys.waiting.answer", { title: item.title })}
          </a>{" "}
          <span class="muted">
            <Rich id="surveys.waiting.until" values={{ program: item.programName }} tags={when(item.closesAt)} />
          </span>
        </>
      );
    case "chat":
      return (
        <>
          <a href={item.path}>{t("waiting.chat", { count: item.unread })}</a>
          <span class="muted">
            <WithNames partners={item.partners} />
          </span>
        </>
      );
    case "profile":
      return (
        <>
          <a href={item.path}>{t("waiting.profile")}</a>
          <span class="muted">
            {" "}
            <Rich
              id="home.waiting.profileFor"
              values={{ program: item.programName }}
              tags={{ gaps: () => <GapList gaps={item.missing} /> }}
            />
          </span>
        </>
      );
  }
}

/** For signed-in people: what is waiting for them, their pairings, programs and roles. */
export function Home({
  user,
  memberships,
  pairings,
  waiting,
  next,
}: {
  user: Person;
  memberships: MembershipRow[];
  pairings: OwnPairing[];
  waiting: WaitingItem[];
  next: NextVideoMeeting | null;
}) {
  const { locale, t } = useI18n();
  const zone = user.timeZone;
  const participant = memberships.some((m) => m.role !== "coordinator");
  return (
    <section>
      <h1>{user.name ? t("home.helloNamed", { name: user.name }) : t("home.hello")}</h1>
      {next ? <NextMeeting next={next} zone={zone} /> : null}
      <h2 id="waiting">{t("home.waiting")}</h2>
      {waiting.length ? (
        <ul class="cards waiting">
          {waiting.map((item) => (
            <li>
              <WaitingLine item={item} zone={zone} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {t("home.nothing")}{" "}
          {pairings.length
            ? t("home.nothing.paired")
            : participant
              ? t("home.nothing.participant")
              : memberships.length
                ? t("home.nothing.coordinator")
                : t("home.nothing.none")}{" "}
          {memberships.length === 0 || participant ? <a href="/profile">{t("home.yourProfile")}</a> : null}
        </p>
      )}
      {pairings.length ? (
        <>
          <h2>{t("home.pairings")}</h2>
          <ul class="cards">
            {pairings.map((pr) => (
              <li class="person">
                <Avatar id={pr.others[0]?.email ?? pr.id} name={pr.others[0]?.name || pr.others[0]?.email || "?"} />
                <p>
                  <a href={`/pairings/${pr.id}`}>
                    {t("home.pairingWith", {
                      names: listText(
                        locale,
                        pr.others.map((o) => o.name || o.email),
                      ),
                    })}
                  </a>{" "}
                  <span class={`stage stage-${pr.stage}`}>{t("home.stage", { stage: pr.stage })}</span>
                  {pr.unread ? (
                    <strong class="badge info"> {t("home.unread", { count: Math.min(pr.unread, 999) })}</strong>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("home.programs")}</h2>
      {memberships.length === 0 ? (
        <p>{t("home.noPrograms")}</p>
      ) : (
        <ul class="cards">
          {memberships.map((m) => (
            <li>
              {m.role === "coordinator" ? (
                <a href={`/programs/${m.id}`}>{m.name}</a>
              ) : m.status === "active" ? (
                <a href={`/programs/${m.id}/me`}>{m.name}</a>
              ) : (
                <strong>{m.name}</strong>
              )}
              <span class="muted">
                {" "}
                —{" "}
                {t("home.membership", {
                  role: m.role,
                  invited: m.status === "invited" ? "yes" : "no",
                  type: m.type === "one-to-one" ? "oneToOne" : m.type,
                })}
              </span>
              {m.role !== "coordinator" && m.status === "active" ? (
                <>
                  {" "}
                  · <a href={`/programs/${m.id}/welcome`}>{t("home.gettingStarted")}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {user.canCreatePrograms ? (
        <p>
          <a class="button" href="/programs/new">
            {t("home.createProgram")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
