/**
 * The demo's lived-in rooms: a spring program whose one-to-one pairings stand at every stage (proposed, onboarding,
 * active, wrapping up, closed, paused, ended early) and a small group program with one active circle. Each pairing is
 * born in D1 (as matching would create it, with its stage already set); its room then takes it over and is filled with
 * its past (agreement, chat, goals, notes, links) through `importHistory`, which keeps the times things happened.
 *
 * Conversations are written forwards but placed in time backwards from their last line, each line at its author's
 * local time of day, so every reply comes after the message it answers whatever the hour `now` is.
 */
import { db } from "../db/client";
import { LocalDateTime } from "../domain/local-date-time";
import { memberships, pairingMembers, pairings, people, programs } from "../db/schema";
import { type AgreementTerms, DEFAULT_TERMS } from "../domain/room/agreement";
import type { GoalStatus } from "../domain/room/goals";
import { NOTE_TEMPLATES, type NoteTemplate } from "../domain/room/notes";
import type { Stage } from "../domain/room/stages";
import { msg } from "../domain/i18n/translate";
import { roomOf } from "../pairings/access";
import type { HistoryStageChange, RoomHistory } from "../room/demo-history";
import { demoJourneyHistory } from "./seed-journeys";
import { demoMeetings } from "./seed-meetings";
import { DEMO_SPRING_MENTEES, DEMO_SPRING_MENTORS, type DemoPerson } from "./people";
import { DEMO_SPRING_GROUPS_PROGRAM_ID, DEMO_SPRING_PAIRINGS, DEMO_SPRING_PROGRAM_ID } from "./spring-ids";

const MIN = 60_000;
/**
 * The spring people may be contacted 07:00–22:00 in their zones, so their early and late availability counts for
 * meeting suggestions.
 */
const CONTACT_FROM = 7 * 60;
const CONTACT_TO = 22 * 60;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The journey's welcome line, stored as the journey stores it: a message id each reader sees in their language. */
const WELCOME = msg("journeyMail.welcome.chat");

/** A demo person as the conversations need them. */
interface Person {
  id: string;
  name: string;
  zone: string;
}

/** One line of a conversation: a member's message, or a system line (`by` null). */
interface Line {
  by: Person | null;
  body: string;
  /** Whole days waited since the previous line (0: the next time the clock shows `time`). */
  gap: number;
  /** Local time of day ("HH:MM") in the author's zone (or `zone` for a system line). */
  time: string;
  zone?: string;
  /** A system line written this many minutes after the previous line (instead of `gap`/`time`). */
  after?: number;
  /** A name to find this line's time by (for the agreement, goals, notes and links). */
  mark?: string;
  /** The stage change this system line reports, kept in the room's stage history too. */
  stage?: Omit<HistoryStageChange, "at">;
}

/** A member's message `gap` days after the previous line, at `time` on their own clock. */
const say = (by: Person, gap: number, time: string, body: string, mark?: string): Line => ({
  by,
  gap,
  time,
  body,
  mark,
});
/** A system line `after` minutes after the previous line. */
const sys = (after: number, body: string, mark?: string): Line => ({ by: null, gap: 0, time: "", after, body, mark });
/**
 * A stage change `after` minutes after the previous line, by a member (or the journey when `by` is null), worded as the
 * room words it.
 */
function moved(after: number, by: Person | null, from: Stage, to: Stage, reason = "", mark?: string): Line {
  const values = { actor: by ? "member" : "journey", name: by?.name ?? "", from, to };
  const body = reason ? msg("room.line.stageMovedWhy", { ...values, reason }) : msg("room.line.stageMoved", values);
  return { ...sys(after, body, mark), stage: { from, to, reason, actor: by?.id ?? "journey" } };
}
/** The journey's welcome, which opens every room; the pairing was created a minute before it. */
const welcome = (zone: string, time: string): Line => ({
  by: null,
  gap: 0,
  time,
  zone,
  body: WELCOME,
  mark: "created",
});

/** The latest instant before `limit` at which the wall clock in `zone` shows `time` ("HH:MM"). */
function latestBefore(limit: number, zone: string, time: string): number {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const local = LocalDateTime.at(limit, zone).withMinuteOfDay(hour * 60 + minute);
  const t = local.toEpochMs(zone);
  return t < limit ? t : local.add({ days: -1 }).toEpochMs(zone);
}

/** Places a conversation in time so its last line falls `endDaysAgo` days (or a little more) before `now`. */
function place(
  now: number,
  endDaysAgo: number,
  lines: Line[],
): { messages: RoomHistory["messages"]; stages: HistoryStageChange[]; at: Record<string, number> } {
  const times: number[] = new Array(lines.length).fill(0);
  let limit = now - endDaysAgo * DAY;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.after !== undefined) {
      limit -= (line.after + 1) * MIN;
      continue;
    }
    times[i] = latestBefore(limit, line.by?.zone ?? line.zone ?? "UTC", line.time);
    limit = times[i]! - line.gap * DAY;
  }
  const at: Record<string, number> = {};
  lines.forEach((line, i) => {
    if (line.after !== undefined) times[i] = (times[i - 1] ?? now) + line.after * MIN;
    if (line.mark) at[line.mark] = times[i]!;
  });
  const messages = lines.map((line, i) => ({
    authorId: line.by?.id ?? null,
    source: line.by ? ("member" as const) : ("journey" as const),
    body: line.body,
    at: times[i]!,
  }));
  const stages = lines.flatMap((line, i) => (line.stage ? [{ ...line.stage, at: times[i]! }] : []));
  return { messages, stages, at };
}

/** A note from one of the agenda templates, its bullet points filled in with `answers` in order. */
function fromTemplate(
  template: Exclude<NoteTemplate, "blank">,
  answers: string[],
  by: Person,
  at: number,
): RoomHistory["notes"][number] {
  const t = NOTE_TEMPLATES[template];
  let i = 0;
  const body = t.body.replace(/^- (.*)$/gm, (line, label: string) => {
    const answer = answers[i++];
    return answer === undefined ? line : `- ${label ? `${label} ` : ""}${answer}`;
  });
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: by.zone }).format(at);
  return { title: `${t.title}, ${day}`, body, by: by.id, at };
}

/** A calendar date `days` from `now` ("2027-03-31"). */
const dateIn = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
/** The calendar date of an instant. */
const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

const terms = (t: Omit<AgreementTerms, "confidentiality"> & { confidentiality?: string }): AgreementTerms => ({
  confidentiality: DEFAULT_TERMS.confidentiality,
  ...t,
});

const goal = (
  by: Person,
  at: number,
  title: string,
  why: string,
  targetDate: string | null,
  progress: number,
  status: GoalStatus,
) => ({ title, why, targetDate, progress, status, by: by.id, at });
const link = (by: Person, at: number, url: string, title: string, note: string) => ({
  url,
  title,
  note,
  by: by.id,
  at,
});

/** A pairing to create: its D1 row and members, and (except when proposed) the history its room starts from. */
interface DemoPairing {
  id: string;
  programId: string;
  stage: Stage;
  stageReason: string;
  createdAt: number;
  endedAt: number | null;
  mentor: Person;
  mentees: Person[];
  history: RoomHistory | null;
}

/** The same id seed.ts gives demo people. */
const idOf = (email: string) => `demo-${email.split("@")[0]}`;

/** Every demo pairing, placed in time relative to `now`. */
export function demoPairings(now: number): DemoPairing[] {
  const person = (p: DemoPerson): Person => ({ id: idOf(p.email), name: p.name, zone: p.timeZone });
  const [katrin, ravi, wanjiru, daniel, mei, lars, olivia] = DEMO_SPRING_MENTORS.map(person) as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  const [mia, camila, kofi, lucia, hiroshi, noah, layla, amani, sunita] = DEMO_SPRING_MENTEES.map(person) as [
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  const base = { programId: DEMO_SPRING_PROGRAM_ID, stageReason: "", endedAt: null };

  // Active: a new team lead in Sydney and an engineering director in Berlin, ten hours apart.
  const active = place(now, 2, [
    welcome(katrin.zone, "09:00"),
    say(
      katrin,
      0,
      "19:10",
      "Hi Mia, I'm Katrin – welcome, and congratulations on the team lead role! I remember my own first month as a manager very well: mostly the feeling that my calendar belonged to everyone except me. Your evening is my morning, so how about Mondays at 18:00 your time (08:00 for me)?",
    ),
    say(
      mia,
      0,
      "06:45",
      "Hi Katrin, thank you so much for taking me on! Mondays at 18:00 are perfect. Honestly, the calendar thing is already true: I wrote no code at all last week and still felt behind on everything.",
    ),
    say(
      katrin,
      0,
      "20:30",
      "That feeling is normal, and it does pass. I've drafted our agreement from your profile and what you just wrote, and signed it. Change anything that doesn't sound like you.",
      "draft",
    ),
    say(
      mia,
      0,
      "07:10",
      "Signed! Seeing \"feedback that doesn't sound like a performance review\" written down made it feel real – that's the one that keeps me up at night.",
      "signed",
    ),
    moved(1, null, "onboarding", "active"),
    say(
      katrin,
      6,
      "08:05",
      "Thank you for today's call. The two things I'd start with: a 30-minute one-to-one with each of your six people every two weeks, and a short \"how I work\" page so they don't have to guess. I've put some examples in our links.",
      "call1",
    ),
    say(
      mia,
      0,
      "19:20",
      "All six one-to-ones are booked. Two people asked whether something was wrong 😅 so I explained it's a new routine for everyone.",
    ),
    say(
      katrin,
      8,
      "21:15",
      "Ha, that's the most common first reaction – it fades after the second round. How did the conversation with Sam go? You were worried about the missed deadlines.",
    ),
    say(
      mia,
      0,
      "06:30",
      "Better than I expected. I used situation – behaviour – impact from the article, and he told me he'd been stuck for a week and was too embarrassed to say. We split the ticket in two.",
    ),
    say(
      katrin,
      0,
      "19:40",
      "That is exactly it: you found the real problem because you described what happened instead of judging it. Put it in our notes – you'll want to remember it when the next hard conversation comes.",
    ),
    say(
      mia,
      11,
      "18:50",
      "A quick question before Monday: my manager wants me to take on hiring for two roles. I'm excited, but I'm already at 45 hours a week. Is it OK to say \"not yet\"?",
    ),
    say(
      katrin,
      0,
      "07:30",
      "Yes – and it's a stronger answer when you say what would make it possible. For example: \"Yes from March, if release coordination moves to Priya.\" Let's practise it on Monday.",
    ),
    say(
      mia,
      3,
      "19:05",
      "It worked! We agreed I start hiring in March and Priya takes over releases. I can't believe I was about to just say yes.",
      "hiring",
    ),
    say(
      katrin,
      8,
      "20:00",
      "Wonderful. Homework for next time: one sentence on what you'd like your team to say about you in six months. We'll use it for our mid-point review.",
    ),
    say(
      mia,
      3,
      "06:40",
      "Got it. Also: I gave my first public thank-you in the team channel today and three people reacted with 🎉. A small thing, but it felt good.",
    ),
  ]);

  // Onboarding: an architect in São Paulo moving into data, with an analytics lead in Kolkata; only Ravi has signed.
  const onboarding = place(now, 3, [
    welcome(ravi.zone, "10:00"),
    say(
      ravi,
      0,
      "20:15",
      "Olá Camila! I'm Ravi. I moved from civil engineering into analytics when I was 31, so your profile felt very familiar. Your Saturday morning is my Saturday evening, which suits me well – shall we have our first call this Saturday at 08:00 your time?",
    ),
    say(
      camila,
      0,
      "07:40",
      "Hi Ravi, that's perfect, thank you! I'll bring the SQL exercises I'm stuck on and the job ads I've saved.",
    ),
    say(
      ravi,
      4,
      "19:30",
      "Lovely to meet you today. I've written a first draft of our agreement from what we discussed and signed it. Read it in your own time and change anything that doesn't sound like you.",
      "draft",
    ),
    say(
      camila,
      1,
      "21:10",
      "Thank you! I'd like to add a small freelance project to the goals before I start applying. I'll edit the agreement at the weekend and sign it then.",
    ),
    say(
      ravi,
      0,
      "08:05",
      "Good idea – one real client question is worth more than any course. In the meantime, SQLBolt lessons 6 to 12 are in our links.",
    ),
  ]);

  // Wrapping up: the promotion came through, so the pair plans the first 90 days and says goodbye.
  const wrapping = place(now, 5, [
    welcome(wanjiru.zone, "09:00"),
    say(
      wanjiru,
      0,
      "18:00",
      "Karibu, Kofi! I'm Wanjiru. I sit on our promotion panel, so I know what these packets look like from the other side. Let's make yours easy to say yes to.",
    ),
    say(
      kofi,
      0,
      "16:30",
      "Thank you, Wanjiru! The promotion round closes in seven weeks. My worry is that most of my work is invisible: migrations, on-call fixes, reviews.",
    ),
    say(
      wanjiru,
      1,
      "19:00",
      "Invisible work is still work; we just have to write it down. Our agreement is in the room and I've signed it. Your homework: start a brag document this week – every migration, incident and review, with its impact in numbers.",
      "draft",
    ),
    say(
      kofi,
      0,
      "17:45",
      "Signed, and the brag document is started. I've already found three things I had forgotten I did.",
      "signed",
    ),
    moved(1, null, "onboarding", "active"),
    say(
      kofi,
      12,
      "15:20",
      "The brag document is four pages now. I also led the design review for the payments retry service – my first time presenting to the architects.",
      "review",
    ),
    say(
      wanjiru,
      0,
      "19:10",
      "That design review is your strongest story: it shows judgement, not just output. Open your packet with it.",
    ),
    say(
      kofi,
      20,
      "16:05",
      "Packet submitted on Friday. Whatever happens, I have never been able to explain my work this clearly before.",
    ),
    say(kofi, 10, "12:30", "I got it! Senior engineer from next month. Thank you for everything.", "promoted"),
    say(
      wanjiru,
      0,
      "18:30",
      "Kofi, that is wonderful news, and it is entirely yours. Since the big goal is done, shall we use our last sessions to wrap up and plan your first 90 days as a senior?",
    ),
    say(kofi, 1, "10:15", "Yes, let's. I'll start our wrap-up note.", "wrap"),
    moved(1, kofi, "active", "wrapping_up"),
  ]);

  // Closed: a market researcher in Madrid landed a UX research role with a research manager in New York.
  const closed = place(now, 6, [
    welcome(daniel.zone, "09:00"),
    say(
      daniel,
      0,
      "12:30",
      "Hola Lucía! I'm Daniel. Market research is a great base for UX research – you already know how to ask good questions. Let's turn that into a portfolio and a job.",
    ),
    say(
      lucia,
      0,
      "18:10",
      "Hi Daniel! That's encouraging to hear. I'd like to apply from next month, but I don't have a single UX case study yet.",
    ),
    say(
      daniel,
      1,
      "11:45",
      "Then that's our first goal. I've written our agreement and signed it. Tuesdays at 12:00 my time, 18:00 yours?",
      "draft",
    ),
    say(lucia, 0, "17:30", "Signed! See you on Tuesday.", "signed"),
    moved(1, null, "onboarding", "active"),
    say(
      lucia,
      13,
      "19:20",
      "I ran my first usability test: five participants on a bakery's ordering app. Three of the five couldn't find the delivery options. I'm turning it into my first case study.",
      "test",
    ),
    say(
      daniel,
      0,
      "13:05",
      "That's a real finding with a real consequence. Open the case study with the problem, then your method, then what changed.",
    ),
    say(
      lucia,
      16,
      "21:40",
      "I have an offer! UX researcher at a travel company in Madrid. They said the bakery case study is why they called me.",
      "offer",
    ),
    say(daniel, 0, "12:10", "Congratulations, Lucía! Let's use one last call to wrap up properly – you've earned it."),
    moved(1, daniel, "active", "wrapping_up"),
    say(
      lucia,
      7,
      "18:45",
      "Thank you for everything, Daniel. I wrote our wrap-up note – add anything I missed.",
      "wrapnote",
    ),
    say(
      daniel,
      0,
      "10:30",
      "It's perfect. Good luck in the new job – and remember to mentor someone yourself one day.",
    ),
    moved(2, daniel, "wrapping_up", "closed", "", "ended"),
  ]);

  // Paused: a new product manager in Tokyo went on parental leave.
  const pausedReason = "Parental leave until March";
  const paused = place(now, 17, [
    welcome(mei.zone, "09:00"),
    say(
      mei,
      0,
      "20:30",
      "Hi Hiroshi, I'm Mei. I also came into product from support, so I know how much you already understand about customers. Shall we meet on Mondays at 21:00 Singapore time (22:00 for you)?",
    ),
    say(
      hiroshi,
      0,
      "21:50",
      "Hello Mei, thank you! Monday works. A little late for me, but the baby is not here yet 🙂",
    ),
    say(
      mei,
      1,
      "21:00",
      "Here's our agreement – I've signed it. Our first topic: your first strategy one-pager.",
      "draft",
    ),
    say(hiroshi, 0, "22:15", "Signed. I'll bring my draft one-pager on Monday.", "signed"),
    moved(1, null, "onboarding", "active"),
    say(
      hiroshi,
      9,
      "22:40",
      "I did two customer interviews this week. Both customers asked for the same export feature, but for different reasons. It changed my one-pager completely.",
      "interviews",
    ),
    say(
      mei,
      0,
      "08:15",
      "That's discovery working: the reason behind a request is the real insight. Write both reasons into the one-pager.",
    ),
    say(
      hiroshi,
      12,
      "06:10",
      "Our daughter arrived two weeks early! Everyone is healthy. I'm starting parental leave now and will be back in March – can we pause until then?",
    ),
    moved(2, hiroshi, "active", "paused", pausedReason),
    say(
      mei,
      0,
      "12:40",
      "Congratulations to all three of you! Enjoy every minute. Our goals will wait right here for you.",
    ),
  ]);

  // Ended early: the mentee changed jobs halfway through.
  const endedReason = "Noah moved to another company, which runs its own mentoring program.";
  const ended = place(now, 13, [
    welcome(lars.zone, "09:00"),
    say(
      lars,
      0,
      "16:00",
      "Hi Noah, Lars here. Renewals with big customers are where customer success gets interesting. Tuesdays at 16:00 my time, 10:00 yours?",
    ),
    say(
      noah,
      0,
      "10:20",
      "Hi Lars! Tuesdays work. My first big renewal is in two months, and I've never negotiated anything bigger than a used car.",
    ),
    say(lars, 1, "15:30", "Then we have time to prepare. The agreement is in the room, signed from my side.", "draft"),
    say(noah, 0, "09:45", "Signed, thank you!", "signed"),
    moved(1, null, "onboarding", "active"),
    say(
      noah,
      8,
      "11:30",
      "I built a simple health score for my ten accounts: usage, open tickets and who our champion is. Two accounts I thought were fine are actually at risk.",
      "score",
    ),
    say(lars, 0, "16:40", "That's exactly why we measure. Call those two this week, before the renewal talks start."),
    say(
      noah,
      12,
      "09:15",
      "Some news: I've accepted a job at another company, starting in two weeks. They have their own mentoring program, so I think we should end here. Thank you for everything, Lars – the health score alone changed how I work.",
    ),
    say(
      lars,
      0,
      "15:10",
      "Congratulations, Noah, that's a great step. Let's end here with my best wishes – and keep the health score going in the new place.",
    ),
    moved(3, noah, "active", "ended_early", endedReason, "ended"),
  ]);

  // The group circle: three first-time managers' worth of experience across London, Nairobi and Kolkata.
  const group = place(now, 1, [
    welcome(olivia.zone, "09:00"),
    say(
      olivia,
      0,
      "12:30",
      "Welcome, Amani and Sunita! This circle is for first-time managers to learn from each other as much as from me. We meet on Wednesdays at 13:00 London time – that's 16:00 in Nairobi and 18:30 in Kolkata.",
    ),
    say(
      amani,
      0,
      "16:10",
      "Habari! Thank you, Olivia. I'm three months into managing a team of nine, and half of them were my peers last year.",
    ),
    say(
      sunita,
      0,
      "19:05",
      "Hello both! Same for me – I now manage the testers I used to sit beside. Looking forward to Wednesdays.",
    ),
    say(
      olivia,
      1,
      "10:00",
      "I've put our agreement in the room and signed it. Please read it and sign when you're happy with it.",
      "draft",
    ),
    say(amani, 0, "14:20", "Signed.", "signedA"),
    say(sunita, 0, "20:45", "Signed – and I like the rule about not naming people from our teams.", "signedS"),
    moved(1, null, "onboarding", "active"),
    say(
      sunita,
      13,
      "19:30",
      "Delegation experiment update: I handed the release checklist to Deepa and didn't check on it once. It went fine, and she improved it.",
      "delegated",
    ),
    say(
      amani,
      0,
      "17:05",
      "That's inspiring. I tried the same with our weekly rota and caught myself redoing it at 10 pm. Next week I'll let go properly.",
    ),
    say(
      olivia,
      0,
      "13:40",
      "Both of these are progress – noticing is the first step. Next Wednesday: giving feedback to a former peer.",
    ),
    say(
      amani,
      7,
      "16:30",
      "After Wednesday's session I had the feedback conversation with my old desk mate. It was awkward for two minutes and then really good.",
      "feedback",
    ),
  ]);

  const createdAt = (at: Record<string, number>) => at.created! - MIN;

  return [
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.proposed,
      stage: "proposed",
      createdAt: now - 5 * DAY,
      mentor: daniel,
      mentees: [layla],
      history: null,
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.onboarding,
      stage: "onboarding",
      createdAt: createdAt(onboarding.at),
      mentor: ravi,
      mentees: [camila],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Camila moves from architecture into a data analyst role within a year: three portfolio analyses on real public data, SQL that holds up in a technical interview, and a story that turns ten years of architecture into a strength.",
            channels: ["video", "chat"],
            cadence: "fortnightly",
            contactHours: "Saturdays 08:00–09:30 in São Paulo (16:30–18:00 in Kolkata). Chat any day.",
            responseTime: "two-days",
            offLimits: "Camila's current employer and its clients.",
          }),
          editedBy: ravi.id,
          editedAt: onboarding.at.draft! - 3 * MIN,
          signatures: [{ personId: ravi.id, at: onboarding.at.draft! - MIN }],
        },
        messages: onboarding.messages,
        stageChanges: onboarding.stages,
        goals: [
          goal(
            camila,
            onboarding.at.draft! + 12 * MIN,
            "Finish the SQL basics: joins, grouping and window functions",
            "Every analyst interview I've read about starts with a SQL exercise.",
            dateIn(now, 30),
            30,
            "open",
          ),
        ],
        notes: [
          fromTemplate(
            "first-meeting",
            [
              "Ravi: civil engineer for seven years, in analytics for nine; now leads an analytics team in Bengaluru. Camila: architect for ten years in São Paulo, learning SQL and Python in the evenings.",
              "Camila: a realistic plan and honest feedback on her first analyses. Ravi: to help someone skip the detours he took.",
              "Video every second Saturday, 08:00 São Paulo / 16:30 Kolkata; chat in between.",
              "Camila's current employer and its clients.",
              "Camila finishes SQLBolt lessons 6–12.\n- Ravi sends two public data sets about buildings and cities.\n- Both sign the agreement.",
            ],
            ravi,
            onboarding.at.draft! - 10 * MIN,
          ),
        ],
        resources: [
          link(
            ravi,
            onboarding.at.draft! + MIN,
            "https://sqlbolt.com/",
            "SQLBolt – interactive SQL lessons",
            "Lessons 6–12 (joins and aggregates) before our next call.",
          ),
          link(
            ravi,
            onboarding.at.draft! + 2 * MIN,
            "https://dados.gov.br/",
            "Brazil's open data portal",
            "Public data for your first portfolio analysis – pick something about buildings, you know it best.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.active,
      stage: "active",
      createdAt: createdAt(active.at),
      mentor: katrin,
      mentees: [mia],
      history: {
        agreement: {
          terms: terms({
            goals:
              'Mia grows into her first management role: a regular one-to-one with each of her six people, feedback that is specific and kind (and doesn\'t sound like a performance review), and a calendar that still has room for her own priorities. By the mid-point Mia can say "not yet" to extra work with confidence.',
            channels: ["video", "chat"],
            cadence: "fortnightly",
            contactHours:
              "Video on Mondays at 18:00 in Sydney (08:00 in Berlin). Chat any time; we answer within our own working hours.",
            responseTime: "two-days",
            offLimits: "Performance details of named team members: we talk about situations, not people's files.",
          }),
          editedBy: katrin.id,
          editedAt: active.at.draft! - 3 * MIN,
          signatures: [
            { personId: katrin.id, at: active.at.draft! - MIN },
            { personId: mia.id, at: active.at.signed! - MIN },
          ],
        },
        shared: true,
        messages: active.messages,
        stageChanges: active.stages,
        goals: [
          goal(
            mia,
            active.at.call1! + 40 * MIN,
            "Hold a fortnightly one-to-one with each of my six people",
            "So problems reach me while they are still small, and nobody has to wait for a crisis to be heard.",
            dateIn(now, 30),
            70,
            "open",
          ),
          goal(
            mia,
            active.at.call1! + 45 * MIN,
            "Give feedback using situation – behaviour – impact",
            "My feedback used to be either vague praise or a surprise. I want it to be specific, kind and expected.",
            dateIn(now, -14),
            100,
            "achieved",
          ),
          goal(
            mia,
            active.at.hiring! + 10 * MIN,
            "Hire two developers",
            "The team needs more hands – once release coordination has a new owner, from March.",
            dateIn(now, 75),
            10,
            "open",
          ),
        ],
        notes: [
          fromTemplate(
            "first-meeting",
            [
              "Katrin: developer for eight years, manager for twelve, now director of engineering in Berlin. Mia: seven years as a developer, team lead of six since last month.",
              "Mia: confidence in one-to-ones and feedback, and a calendar she controls. Katrin: to pass on what she wishes someone had told her in her first month.",
              "Video every second Monday, 18:00 Sydney / 08:00 Berlin; chat in between.",
              "Named team members' performance details.",
              'Mia books a 30-minute one-to-one with each of her six people.\n- Mia drafts a one-page "how I work" for the team.\n- Katrin shares her list of one-to-one questions.',
            ],
            katrin,
            active.at.call1! - 2 * MIN,
          ),
          fromTemplate(
            "check-in",
            [
              "All six one-to-ones happened; two people raised workload before it became a problem. The conversation with Sam went well (situation – behaviour – impact).",
              'Being asked to take on hiring while already working 45 hours a week. Practised: "Yes from March, if release coordination moves to Priya."',
              "One-to-ones: 70%, the rhythm holds. Feedback: achieved. Hiring: starts in March.",
              "Mia: talk to her manager on Thursday.\n- Katrin: send the hiring scorecard template.",
            ],
            mia,
            active.at.hiring! + 5 * MIN,
          ),
        ],
        resources: [
          link(
            katrin,
            active.at.call1! + MIN,
            "https://www.manager-readme.com/",
            "Manager READMEs",
            'Examples for your "how I work" page – take what fits, skip the rest.',
          ),
          link(
            katrin,
            active.at.call1! + 2 * MIN,
            "https://larahogan.me/blog/first-one-on-one-questions/",
            "Lara Hogan: questions for our first 1:1",
            "The questions I still use in every first one-to-one.",
          ),
          link(
            mia,
            active.at.call1! + 50 * MIN,
            "https://www.ccl.org/articles/leading-effectively-articles/closing-the-gap-between-intent-vs-impact-sbii/",
            "Situation – behaviour – impact (Center for Creative Leadership)",
            "The feedback structure I used with Sam.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.wrapping_up,
      stage: "wrapping_up",
      createdAt: createdAt(wrapping.at),
      mentor: wanjiru,
      mentees: [kofi],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Kofi is promoted to senior engineer in this year's round: a written record of his impact, one design he leads and presents, and a clear story for the panel.",
            channels: ["video", "chat"],
            cadence: "fortnightly",
            contactHours: "Tuesday or Thursday evenings, 18:00–20:00 in Nairobi (15:00–17:00 in Accra).",
            responseTime: "two-days",
            offLimits: "Salaries, and the other candidates in the round.",
          }),
          editedBy: wanjiru.id,
          editedAt: wrapping.at.draft! - 3 * MIN,
          signatures: [
            { personId: wanjiru.id, at: wrapping.at.draft! - MIN },
            { personId: kofi.id, at: wrapping.at.signed! - MIN },
          ],
        },
        messages: wrapping.messages,
        stageChanges: wrapping.stages,
        goals: [
          goal(
            kofi,
            wrapping.at.signed! + 5 * MIN,
            "Be promoted to senior engineer",
            "To be trusted, and paid, for the work I already do.",
            dateOf(wrapping.at.promoted!),
            100,
            "achieved",
          ),
          goal(
            kofi,
            wrapping.at.signed! + 8 * MIN,
            "Lead and present a design review",
            "Seniors here shape designs, not only build them.",
            dateOf(wrapping.at.review!),
            100,
            "achieved",
          ),
          goal(
            kofi,
            wrapping.at.wrap! + 5 * MIN,
            "Plan my first 90 days as a senior",
            "To start the new role on purpose rather than by accident.",
            dateIn(now, 40),
            30,
            "open",
          ),
        ],
        notes: [
          fromTemplate(
            "wrap-up",
            [
              "Promotion to senior engineer, in the first round Kofi applied to.\n- A design review presented to the architecture group.\n- A brag document Kofi will keep updating.",
              "Invisible work becomes visible when you write down its impact in numbers.",
              "A 90-day plan for the senior role (first draft next week).",
              "Yes – a call in three months to hear how the new role is going.",
            ],
            kofi,
            wrapping.at.wrap! + 20 * MIN,
          ),
        ],
        resources: [
          link(
            wanjiru,
            wrapping.at.draft! + MIN,
            "https://jvns.ca/blog/brag-documents/",
            "Julia Evans: get your work recognized – write a brag document",
            "The template I mentioned; update it every Friday.",
          ),
          link(
            wanjiru,
            wrapping.at.wrap! + 30 * MIN,
            "https://staffeng.com/",
            "StaffEng",
            "For later: stories from the paths beyond senior.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.closed,
      stage: "closed",
      createdAt: createdAt(closed.at),
      endedAt: closed.at.ended!,
      mentor: daniel,
      mentees: [lucia],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Lucía moves from market research into a UX research role: two case studies in a portfolio, one usability test run on her own, and interview answers that show how she thinks.",
            channels: ["video", "email"],
            cadence: "weekly",
            contactHours: "Tuesdays 12:00–13:00 in New York (18:00–19:00 in Madrid).",
            responseTime: "two-days",
            offLimits: "",
          }),
          editedBy: daniel.id,
          editedAt: closed.at.draft! - 3 * MIN,
          signatures: [
            { personId: daniel.id, at: closed.at.draft! - MIN },
            { personId: lucia.id, at: closed.at.signed! - MIN },
          ],
        },
        messages: closed.messages,
        stageChanges: closed.stages,
        goals: [
          goal(
            lucia,
            closed.at.signed! + 5 * MIN,
            "Land a UX research role",
            "To do the research I enjoy most, close to the people who build the product.",
            dateOf(closed.at.offer!),
            100,
            "achieved",
          ),
          goal(
            lucia,
            closed.at.signed! + 7 * MIN,
            "Build a portfolio with two case studies",
            "Hiring managers want to see how I think, not a list of methods.",
            dateOf(closed.at.offer!),
            100,
            "achieved",
          ),
          goal(
            lucia,
            closed.at.signed! + 9 * MIN,
            "Run a usability test on my own",
            "I've only ever watched other people run them.",
            dateOf(closed.at.test!),
            100,
            "achieved",
          ),
        ],
        notes: [
          fromTemplate(
            "wrap-up",
            [
              "An offer as UX researcher at a travel company in Madrid.\n- Two case studies, including the bakery ordering test.\n- A first usability test, run on my own with five participants.",
              "Open with the problem, then the method, then what changed.",
              "Starting the new role next month; Daniel suggests keeping a research log from the first day.",
              "Yes – coffee whenever Daniel is in Madrid.",
            ],
            lucia,
            closed.at.wrapnote! - 10 * MIN,
          ),
        ],
        resources: [
          link(
            daniel,
            closed.at.draft! + MIN,
            "https://www.nngroup.com/articles/usability-testing-101/",
            "Nielsen Norman Group: usability testing 101",
            "Read before your first test – especially the part about not helping participants.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.paused,
      stage: "paused",
      stageReason: pausedReason,
      createdAt: createdAt(paused.at),
      mentor: mei,
      mentees: [hiroshi],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Hiroshi grows from associate into product manager: he writes his first strategy one-pager, runs discovery interviews on his own, and learns to say no to a request with a reason.",
            channels: ["video", "chat"],
            cadence: "fortnightly",
            contactHours: "Mondays 21:00–22:00 in Singapore (22:00–23:00 in Tokyo).",
            responseTime: "week",
            offLimits: "",
          }),
          editedBy: mei.id,
          editedAt: paused.at.draft! - 3 * MIN,
          signatures: [
            { personId: mei.id, at: paused.at.draft! - MIN },
            { personId: hiroshi.id, at: paused.at.signed! - MIN },
          ],
        },
        messages: paused.messages,
        stageChanges: paused.stages,
        goals: [
          goal(
            hiroshi,
            paused.at.signed! + 5 * MIN,
            "Write my first product strategy one-pager",
            "So the team knows why we build what we build, not only what.",
            dateIn(now, 100),
            60,
            "open",
          ),
          goal(
            hiroshi,
            paused.at.signed! + 8 * MIN,
            "Interview five customers on my own",
            "I know our customers' problems from support tickets; now I want to hear their reasons.",
            dateIn(now, 120),
            40,
            "open",
          ),
        ],
        notes: [
          fromTemplate(
            "check-in",
            [
              "Finished the first draft of the one-pager.",
              "How to run a discovery interview without leading the customer.",
              "One-pager: 60%. Interviews: two of five done.",
              "Hiroshi: three more interviews.\n- Mei: share her interview script.",
            ],
            hiroshi,
            paused.at.interviews! - 30 * MIN,
          ),
        ],
        resources: [
          link(
            mei,
            paused.at.interviews! + 10 * 60 * MIN,
            "https://www.producttalk.org/",
            "Product Talk (Teresa Torres)",
            "Everything about continuous discovery; start with the interviewing articles.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.ended_early,
      stage: "ended_early",
      stageReason: endedReason,
      createdAt: createdAt(ended.at),
      endedAt: ended.at.ended!,
      mentor: lars,
      mentees: [noah],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Noah leads his first big renewal with confidence: he knows the health of every account he owns, prepares each renewal early, and negotiates on value rather than discount.",
            channels: ["video", "phone"],
            cadence: "fortnightly",
            contactHours: "Tuesdays 16:00–17:00 in Stockholm (10:00–11:00 in Toronto).",
            responseTime: "two-days",
            offLimits: "Customer names and contract values.",
          }),
          editedBy: lars.id,
          editedAt: ended.at.draft! - 3 * MIN,
          signatures: [
            { personId: lars.id, at: ended.at.draft! - MIN },
            { personId: noah.id, at: ended.at.signed! - MIN },
          ],
        },
        messages: ended.messages,
        stageChanges: ended.stages,
        goals: [
          goal(
            noah,
            ended.at.signed! + 5 * MIN,
            "Build a health score for my accounts",
            "So I hear about a risk before the customer tells me.",
            dateOf(ended.at.score!),
            100,
            "achieved",
          ),
          goal(
            noah,
            ended.at.signed! + 8 * MIN,
            "Lead my first big renewal negotiation",
            "I moved to another company before the renewal came up.",
            dateIn(now, 20),
            20,
            "dropped",
          ),
        ],
        notes: [
          fromTemplate(
            "check-in",
            [
              "Noah built a health score for his ten accounts; two of them are at risk.",
              "Preparing a renewal: who decides, what they value, what we can offer.",
              "Health score: done. Renewal: preparation started.",
              "Noah: call both at-risk accounts.\n- Lars: share his renewal checklist.",
            ],
            lars,
            ended.at.score! + 5 * 60 * MIN,
          ),
        ],
        resources: [
          link(
            lars,
            ended.at.draft! + MIN,
            "https://www.pon.harvard.edu/",
            "Program on Negotiation at Harvard Law School",
            "Free articles on negotiating on value rather than price.",
          ),
        ],
      },
    },
    {
      ...base,
      id: DEMO_SPRING_PAIRINGS.group,
      programId: DEMO_SPRING_GROUPS_PROGRAM_ID,
      stage: "active",
      createdAt: createdAt(group.at),
      mentor: olivia,
      mentees: [amani, sunita],
      history: {
        agreement: {
          terms: terms({
            goals:
              "Each of us grows into a first management role: we delegate one thing a fortnight, give feedback to former peers with care, and protect time for our own work. We learn from each other's experiments as much as from Olivia.",
            channels: ["video", "chat"],
            cadence: "weekly",
            contactHours: "Wednesdays 13:00–14:00 in London (16:00 in Nairobi, 18:30 in Kolkata).",
            responseTime: "two-days",
            confidentiality:
              "What we share in this circle stays in the circle, unless someone's safety is at risk or we all agree to share it.",
            offLimits: "Naming people from our teams: we talk about situations, not people.",
          }),
          editedBy: olivia.id,
          editedAt: group.at.draft! - 3 * MIN,
          signatures: [
            { personId: olivia.id, at: group.at.draft! - MIN },
            { personId: amani.id, at: group.at.signedA! - MIN },
            { personId: sunita.id, at: group.at.signedS! - MIN },
          ],
        },
        messages: group.messages,
        stageChanges: group.stages,
        goals: [
          goal(
            sunita,
            group.at.signedS! + 5 * MIN,
            "Delegate one recurring task each fortnight",
            "I still do half of my old job as well as the new one.",
            dateIn(now, 42),
            50,
            "open",
          ),
          goal(
            amani,
            group.at.feedback! + 5 * MIN,
            "Give feedback to a former peer",
            "Friendship made me avoid it; the team noticed.",
            dateOf(group.at.feedback!),
            100,
            "achieved",
          ),
        ],
        notes: [
          fromTemplate(
            "first-meeting",
            [
              "Olivia: head of operations for eleven years, now a leadership coach. Amani: operations manager of nine since the spring. Sunita: QA lead of the team she used to work in.",
              "Amani and Sunita: ways to lead people who were peers, and to stop doing two jobs. Olivia: to see a circle carry itself.",
              "Video every Wednesday, 13:00 London / 16:00 Nairobi / 18:30 Kolkata; chat in between.",
              "Naming people from our teams.",
              "Each of us picks one task to delegate before next Wednesday.\n- Everyone signs the agreement.",
            ],
            olivia,
            group.at.draft! - 10 * MIN,
          ),
        ],
        resources: [
          link(
            olivia,
            group.at.delegated! + 2 * 60 * MIN,
            "https://www.radicalcandor.com/",
            "Radical Candor",
            "Background for our session on feedback to former peers: care personally, challenge directly.",
          ),
        ],
      },
    },
  ];
}

/**
 * Seeds both spring programs with their people, memberships and pairings in D1, then fills each pairing's room with its
 * history and brings D1's projection up to date. Inserts skip rows that exist, and rooms that already have content are
 * left alone, so calling it again changes nothing.
 */
export async function seedPairings(env: Env, coordinatorIds: string[], now: number): Promise<void> {
  const d = db(env);
  const springStart = now - 11 * WEEK;
  const groupsStart = now - 8 * WEEK;
  const demo = demoPairings(now);
  const inProgram = (programId: string) => demo.filter((p) => p.programId === programId);
  const role = (programId: string, r: "mentor" | "mentee") => [
    ...new Set(inProgram(programId).flatMap((p) => (r === "mentor" ? [p.mentor.id] : p.mentees.map((m) => m.id)))),
  ];
  const byId = new Map([...DEMO_SPRING_MENTORS, ...DEMO_SPRING_MENTEES].map((p) => [idOf(p.email), p]));
  const startOf = (programId: string) => (programId === DEMO_SPRING_PROGRAM_ID ? springStart : groupsStart);

  await d.batch([
    d
      .insert(programs)
      .values({
        id: DEMO_SPRING_PROGRAM_ID,
        name: "Spring 2026 Mentoring Circle",
        description:
          "A six-month one-to-one program, ten weeks in: pairings at every stage, from a fresh proposal to a finished one.",
        type: "one-to-one",
        lengthWeeks: 26,
        cadenceDays: 14,
        matchingMode: "coordinator",
        createdBy: coordinatorIds[0]!,
        createdAt: springStart,
        updatedAt: springStart,
      })
      .onConflictDoNothing(),
    d
      .insert(programs)
      .values({
        id: DEMO_SPRING_GROUPS_PROGRAM_ID,
        name: "Spring 2026 Peer Circles",
        description: "Small circles of first-time managers with one experienced mentor, meeting every week.",
        type: "group",
        lengthWeeks: 12,
        cadenceDays: 7,
        matchingMode: "coordinator",
        createdBy: coordinatorIds[0]!,
        createdAt: groupsStart,
        updatedAt: groupsStart,
      })
      .onConflictDoNothing(),
    ...[...byId].map(([id, p]) =>
      d
        .insert(people)
        .values({
          ...p,
          id,
          unavailable: false,
          contactStart: CONTACT_FROM,
          contactEnd: CONTACT_TO,
          createdAt: springStart,
          updatedAt: springStart,
        })
        .onConflictDoNothing(),
    ),
    ...[DEMO_SPRING_PROGRAM_ID, DEMO_SPRING_GROUPS_PROGRAM_ID].flatMap((programId) => {
      const joined = startOf(programId) + DAY;
      const rows = [
        ...coordinatorIds.map((personId) => ({ personId, role: "coordinator" as const })),
        ...role(programId, "mentor").map((personId) => ({ personId, role: "mentor" as const })),
        ...role(programId, "mentee").map((personId) => ({ personId, role: "mentee" as const })),
      ];
      return rows.map((r) =>
        d
          .insert(memberships)
          .values({ programId, ...r, status: "active", createdAt: joined })
          .onConflictDoNothing(),
      );
    }),
    ...demo.flatMap((p) => [
      d
        .insert(pairings)
        .values({
          id: p.id,
          programId: p.programId,
          source: "matching",
          stage: p.stage,
          stageReason: p.stageReason,
          createdAt: p.createdAt,
          endedAt: p.endedAt,
        })
        .onConflictDoNothing(),
      ...[
        { personId: p.mentor.id, role: "mentor" as const },
        ...p.mentees.map((m) => ({ personId: m.id, role: "mentee" as const })),
      ].map((m) =>
        d
          .insert(pairingMembers)
          .values({ pairingId: p.id, programId: p.programId, ...m })
          .onConflictDoNothing(),
      ),
    ]),
  ]);

  await Promise.all(
    demo.map(async (p) => {
      if (!p.history) return;
      const room = roomOf(env, p.id);
      const meetings = demoMeetings(
        p.stage,
        p.programId === DEMO_SPRING_GROUPS_PROGRAM_ID,
        p.mentor,
        p.mentees,
        p.createdAt,
        now,
      );
      const journey = demoJourneyHistory(p, p.programId === DEMO_SPRING_GROUPS_PROGRAM_ID, now);
      const imported = await room.importHistory({ ...p.history, meetings, ...journey });
      if (!imported.ok)
        throw new Error(`demo pairing ${p.id}: the room refused its history (${imported.status}: ${imported.error})`);
      const flushed = await room.flushProjection();
      if (flushed.error) throw new Error(`demo pairing ${p.id}: projecting to D1 failed: ${flushed.error}`);
    }),
  );
}
