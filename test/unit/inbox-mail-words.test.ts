/** The words of chat and meeting mails: quoting, both zones, agenda lines, and an HTML part that stays small. */
import { describe, expect, it } from "vitest";
import { CHAT_MAIL_MESSAGE_CHARS, senderList, unreadChatMail } from "../../worker/domain/chat-mail";
import { agendaStart, meetingMail, timeLines } from "../../worker/domain/meeting-mail";
import { mailHtml } from "../../worker/domain/mail-html";
import { translator } from "../../worker/domain/i18n/translate";

const EN = { locale: "en" as const, t: translator("en") };

const AT = Date.UTC(2026, 11, 8, 16, 30); // Tue 8 Dec 2026, 17:30 in Paris, 22:00 in Kolkata
const size = (s: string) => new TextEncoder().encode(s).length;

describe("chat mail words", () => {
  it("quotes each message with its sender and its time in the recipient's zone", () => {
    const mail = unreadChatMail({
      recipientName: "Bo",
      zone: "Asia/Kolkata",
      messages: [
        { author: "Ana", body: "One\n\nTwo", at: AT },
        { author: "Cy", body: "Three", at: AT + 60_000 },
      ],
      link: "https://t.test/pairings/x/chat",
      ...EN,
    });
    expect(mail.subject).toBe("2 new messages from Ana and Cy in your mentoring chat");
    expect(mail.text).toBe(
      "Hello Bo,\n\nAna and Cy wrote to you in your mentoring chat while you were away:\n\nAna, Tue, 8 Dec 2026, 22:00 (Asia/Kolkata):\n> One\n>\n> Two\n\nCy, Tue, 8 Dec 2026, 22:01 (Asia/Kolkata):\n> Three\n\nReply to this email to answer: your reply is posted in the chat. Or read the chat on Trellis:\nhttps://t.test/pairings/x/chat\n",
    );
    expect(senderList([])).toBe("");
  });

  it("keeps the HTML part under 20 KB however much was written, saying how many earlier messages wait in the chat", () => {
    const messages = Array.from({ length: 30 }, (_, i) => ({ author: "Ana", body: "x<".repeat(1000), at: AT + i }));
    const mail = unreadChatMail({ recipientName: "Bo", zone: "UTC", messages, link: "https://t.test/c", ...EN });
    const html = mailHtml(`${mail.text}\n-- \nfooter\n`);
    expect(size(html)).toBeLessThan(20 * 1024);
    expect(mail.text).toMatch(/\(\d+ earlier messages not shown: read them in the chat\.\)/);
    expect(mail.text).toContain(`${"x<".repeat(CHAT_MAIL_MESSAGE_CHARS / 2)}…`);
  });
});

describe("meeting mail words", () => {
  it("gives the time in the recipient's zone, then once per other zone with whose it is", () => {
    expect(
      timeLines(
        AT,
        AT + 3_600_000,
        { name: "Bo", zone: "Asia/Kolkata" },
        [
          { name: "Ana", zone: "Europe/Paris" },
          { name: "Cy", zone: "Europe/Paris" },
          { name: "Di", zone: "Asia/Kolkata" },
        ],
        EN,
      ),
    ).toBe(
      "  Tue, 8 Dec 2026, 22:00 (Asia/Kolkata), 60 minutes (your time)\n  Tue, 8 Dec 2026, 17:30 (Europe/Paris) (Ana and Cy's time)",
    );
  });

  it("quotes the agenda's first lines", () => {
    expect(agendaStart("\n1. Wins\n\n2. Blockers\n3. Next\n4. Help\n5. More\n")).toBe(
      "1. Wins\n2. Blockers\n3. Next\n4. Help\n…",
    );
    expect(agendaStart("  \n")).toBe("");
  });

  it("a proposal greets by name and carries Accept and Decline as one-line actions", () => {
    const mail = meetingMail({
      event: "proposed",
      me: { name: "Bo", zone: "Asia/Kolkata" },
      actor: "Ana",
      others: [{ name: "Ana", zone: "Europe/Paris" }],
      meeting: {
        title: "Plan <it>",
        kind: "in-person",
        location: "Café Lumière",
        videoUrl: "",
        repeat: "weekly",
        start: AT,
        end: AT + 1_800_000,
        agenda: "Wins",
        oneOccurrence: false,
      },
      links: {
        page: "https://t.test/p",
        accept: "https://t.test/m/a?a=accept",
        decline: "https://t.test/m/a?a=decline",
      },
      words: EN,
    });
    expect(mail.subject).toBe("Ana proposes a meeting: Plan <it>");
    expect(mail.text).toBe(
      'Hello Bo,\n\nAna proposes a meeting, "Plan <it>":\n  Tue, 8 Dec 2026, 22:00 (Asia/Kolkata), 30 minutes (your time)\n  Tue, 8 Dec 2026, 17:30 (Europe/Paris) (Ana\'s time)\n  Every week\n  In person: Café Lumière\n\nAgenda:\nWins\n\nDoes it suit you? One tap, then confirm:\nAccept: https://t.test/m/a?a=accept\nDecline: https://t.test/m/a?a=decline\n\nAll your meetings are on Trellis:\nhttps://t.test/p\n',
    );
    const html = mailHtml(mail.text);
    expect(html).toContain("Plan &lt;it&gt;");
    expect(html).toMatch(/<a href="https:\/\/t\.test\/m\/a\?a=accept" style="[^"]+">Accept<\/a>/);
  });
});

describe("mail in the recipient's language", () => {
  it("a Spanish member gets the proposal in Spanish, with Spanish dates and lists", () => {
    const es = { locale: "es" as const, t: translator("es") };
    const mail = meetingMail({
      event: "proposed",
      me: { name: "Bo", zone: "Europe/Madrid" },
      actor: "Ana",
      others: [
        { name: "Ana", zone: "Asia/Kolkata" },
        { name: "Cy", zone: "Asia/Kolkata" },
      ],
      meeting: {
        title: "Plan",
        kind: "video",
        location: "",
        videoUrl: "https://meet.test/x",
        repeat: "none",
        start: AT,
        end: AT + 1_800_000,
        agenda: "",
        oneOccurrence: false,
      },
      links: { page: "https://t.test/p", accept: "https://t.test/a", decline: "https://t.test/d" },
      words: es,
    });
    expect(mail.subject).toBe(es.t("meetingMail.proposed.subject", { actor: "Ana", title: "Plan" }));
    expect(mail.subject).not.toBe("Ana proposes a meeting: Plan");
    expect(mail.text).toContain(es.t("mail.helloNamed", { name: "Bo" }));
    expect(mail.text).toContain("mar, 8 dic 2026, 17:30 (Europe/Madrid)");
    expect(mail.text).toContain("Ana y Cy");
    expect(mail.text).not.toMatch(/Accept|Decline|your time/);
    const chat = unreadChatMail({
      recipientName: "",
      zone: "UTC",
      messages: [{ author: "Ana", body: "Hola", at: AT }],
      link: "https://t.test/c",
      ...es,
    });
    expect(chat.subject).toBe(es.t("chatMail.subject", { count: 1, who: "Ana" }));
    expect(chat.text.startsWith(es.t("mail.hello"))).toBe(true);
  });
});
