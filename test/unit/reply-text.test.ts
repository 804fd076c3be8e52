import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText, limitText, replyText, stripQuotedReply } from "../../worker/mail/reply-text";

const lines = (...l: string[]) => l.join("\r\n");

describe("stripQuotedReply", () => {
  it("keeps a top-posted reply and drops Gmail's attribution and quote", () => {
    const text = lines(
      "Thanks, Thursday works for me.",
      "",
      "See you then!",
      "",
      "On Tue, Nov 18, 2026 at 9:14 AM Trellis <reply+abc@reply.trellis.localhost> wrote:",
      "",
      "> Alice wrote in your pairing:",
      "> Shall we meet on Thursday?",
      ">",
      "> > older quote",
    );
    expect(stripQuotedReply(text)).toBe("Thanks, Thursday works for me.\n\nSee you then!");
  });

  it("recognises an attribution Gmail wrapped over two lines", () => {
    const text = lines(
      "Sounds good.",
      "",
      "On Tue, Nov 18, 2026 at 9:14 AM Alice Example <",
      "alice@example.org> wrote:",
      "",
      "> Shall we?",
    );
    expect(stripQuotedReply(text)).toBe("Sounds good.");
  });

  it("cuts Outlook's Original Message block and its From/Sent header block", () => {
    expect(
      stripQuotedReply(
        lines(
          "Yes please.",
          "",
          "-----Original Message-----",
          "From: Trellis <noreply@trellis.example>",
          "Sent: Tuesday, November 18, 2026 9:14 AM",
          "Shall we?",
        ),
      ),
    ).toBe("Yes please.");
    expect(
      stripQuotedReply(
        lines(
          "Works for me.",
          "",
          "Bob",
          "",
          "________________________________",
          "From: Trellis <reply+abc@reply.trellis.localhost>",
          "Sent: Tuesday, November 18, 2026 09:14",
          "To: Bob <bob@example.org>",
          "Subject: New message",
          "",
          "Shall we?",
        ),
      ),
    ).toBe("Works for me.\n\nBob");
    expect(
      stripQuotedReply(
        lines(
          "Passt.",
          "",
          "Von: Trellis <noreply@trellis.example>",
          "Gesendet: Dienstag, 18. November 2026 09:14",
          "An: Bob",
          "Betreff: Neue Nachricht",
          "Shall we?",
        ),
      ),
    ).toBe("Passt.");
    expect(
      stripQuotedReply(
        lines("Ok.", "*From:* Trellis <noreply@trellis.example>", "*Date:* Tue, 18 Nov 2026", "Shall we?"),
      ),
    ).toBe("Ok.");
  });

  it("handles Apple Mail's attribution and a 'Sent from my iPhone' line", () => {
    const text = lines(
      "Great, talk soon",
      "",
      "Sent from my iPhone",
      "",
      "> On Nov 18, 2026, at 09:14, Alice <alice@example.org> wrote:",
      "> Shall we?",
    );
    expect(stripQuotedReply(text)).toBe("Great, talk soon");
    expect(
      stripQuotedReply(
        lines("Great", "", "On Nov 18, 2026, at 09:14, Alice Example <alice@example.org> wrote:", "", "> Shall we?"),
      ),
    ).toBe("Great");
  });

  it("knows attributions and mobile signatures in other languages", () => {
    expect(
      stripQuotedReply(
        lines(
          "Gerne!",
          "",
          "Von meinem iPhone gesendet",
          "",
          "Am Di., 18. Nov. 2026 um 09:14 Uhr schrieb Alice <alice@example.org>:",
          "> Treffen?",
        ),
      ),
    ).toBe("Gerne!");
    expect(
      stripQuotedReply(
        lines(
          "Avec plaisir.",
          "",
          "Le mar. 18 nov. 2026 à 09:14, Alice <alice@example.org> a écrit :",
          "> On se voit ?",
        ),
      ),
    ).toBe("Avec plaisir.");
    expect(
      stripQuotedReply(
        lines("¡Claro!", "", "El mar, 18 nov 2026 a las 9:14, Alice (<alice@example.org>) escribió:", "> ¿Nos vemos?"),
      ),
    ).toBe("¡Claro!");
    expect(
      stripQuotedReply(
        lines("Prima.", "", "Op di 18 nov. 2026 om 09:14 schreef Alice <alice@example.org>:", "> Zullen we?"),
      ),
    ).toBe("Prima.");
    expect(
      stripQuotedReply(lines("Ja.", "", "Den tis 18 nov. 2026 kl 09:14 skrev Alice <alice@example.org>:", "> Ses vi?")),
    ).toBe("Ja.");
    expect(
      stripQuotedReply(
        lines(
          "Certo.",
          "",
          "Inviato da iPhone",
          "",
          "Il giorno mar 18 nov 2026 alle ore 09:14 Alice <alice@example.org> ha scritto:",
          "> Ci vediamo?",
        ),
      ),
    ).toBe("Certo.");
    expect(stripQuotedReply(lines("Sim.", "", "Enviado do meu iPhone"))).toBe("Sim.");
  });

  it("knows the reply headers of every shipped language: Arabic, Hindi, Swahili and Chinese too", () => {
    const cases: [string, string[]][] = [
      ["حسنًا، أراك غدًا.", ["في الثلاثاء، 18 نوفمبر 2026 في 9:14 ص، كتب Alice <alice@example.org>:", "> هل نلتقي؟"]],
      ["ठीक है।", ["मंगल, 18 नव॰ 2026 को 9:14 am बजे Alice <alice@example.org> ने लिखा:", "> क्या हम मिलें?"]],
      ["Sawa kabisa.", ["Mnamo Jumanne, 18 Nov 2026 saa 09:14, Alice <alice@example.org> aliandika:", "> Tukutane?"]],
      ["好的，明天见。", ["Alice <alice@example.org> 于2026年11月18日周二 09:14写道：", "> 我们见面吗？"]],
      [
        "好的。",
        [
          "发自我的iPhone",
          "",
          "------------------ 原始邮件 ------------------",
          "发件人: Alice <alice@example.org>",
          "发送时间: 2026年11月18日 9:14",
          "主题: 见面",
          "我们见面吗？",
        ],
      ],
      [
        "نعم.",
        ["من: Alice <alice@example.org>", "تاريخ الإرسال: الثلاثاء، 18 نوفمبر 2026 9:14 ص", "إلى: Bo", "هل نلتقي؟"],
      ],
      ["हाँ।", ["मेरे iPhone से भेजा गया"]],
      [
        "Ndiyo.",
        [
          "Imetumwa kutoka iPhone yangu",
          "",
          "Kutoka: Alice <alice@example.org>",
          "Imetumwa: Jumanne, 18 Novemba 2026",
          "Tukutane?",
        ],
      ],
    ];
    for (const [own, rest] of cases) expect(stripQuotedReply(lines(own, "", ...rest)), own).toBe(own);
  });

  it("keeps ordinary sentences in those languages that only look like headers", () => {
    const text = lines("في الصباح كتبت لك رسالة طويلة", "मैंने कल लिखा था", "Kutoka kwa timu yetu, salamu", "我写道这些");
    expect(stripQuotedReply(text)).toBe(text.replace(/\r\n/g, "\n"));
  });

  it("drops the '-- ' signature and everything after it", () => {
    expect(
      stripQuotedReply(lines("See you Thursday.", "", "-- ", "Bob Builder", "Mentor, Example Corp", "+1 555 0100")),
    ).toBe("See you Thursday.");
    expect(stripQuotedReply(lines("See you.", "--", "Bob"))).toBe("See you.");
  });

  it("keeps the answers of an interleaved reply", () => {
    const text = lines(
      "On Tue, Nov 18, 2026 at 9:14 AM Alice <alice@example.org> wrote:",
      "> Can you do Thursday?",
      "",
      "Yes, after 3pm.",
      "",
      "> And bring the draft?",
      "",
      "Will do.",
    );
    expect(stripQuotedReply(text)).toBe("Yes, after 3pm.\n\nWill do.");
  });

  it("does not mistake ordinary sentences for quote markers", () => {
    const text = lines(
      "On Monday I wrote:",
      "the plan for the next weeks.",
      "Sent from the office, so a bit short.",
      "From: the team, with love",
      "-- not a signature",
    );
    expect(stripQuotedReply(text)).toBe(text.replace(/\r\n/g, "\n"));
  });

  it("shortens runs of empty lines and trims", () => {
    expect(stripQuotedReply("\n\n  \nHello\n\n\n\n\nthere  \n\n")).toBe("Hello\n\nthere");
    expect(stripQuotedReply("> only a quote\n> nothing else")).toBe("");
  });
});

describe("htmlToText", () => {
  it("keeps line breaks from <br>, blocks and paragraphs and decodes entities", () => {
    const html = `<html><head><title>x</title><style>p{color:red}</style></head><body>
      <div dir="ltr">Hi Alice,<div><br></div><div>Fish &amp; chips at 5&nbsp;pm? It&#39;s &lt;fine&gt; &#x1F600;</div></div>
      <p>Second paragraph</p><p>Third</p><script>alert(1)</script></body></html>`;
    expect(htmlToText(html)).toBe("Hi Alice,\n\nFish & chips at 5 pm? It's <fine> 😀\n\nSecond paragraph\n\nThird");
  });

  it("quotes <blockquote> content with '> ' so the quote can be stripped", () => {
    const gmail = `<div dir="ltr">Thursday works.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Nov 18, 2026 at 9:14 AM Trellis &lt;<a href="mailto:reply+abc@reply.trellis.localhost">reply+abc@reply.trellis.localhost</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div>Shall we meet?</div><blockquote><div>Older</div></blockquote></blockquote></div>`;
    const text = htmlToText(gmail);
    expect(text).toContain("> Shall we meet?");
    expect(text).toContain("> > Older");
    expect(stripQuotedReply(text)).toBe("Thursday works.");
  });

  it("reads Outlook's MsoNormal lines as lines and its reply header as a header", () => {
    const outlook = `<div class=WordSection1><p class=MsoNormal>Yes, that works.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Bob<o:p></o:p></p>
      <div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>From:</b> Trellis &lt;noreply@trellis.example&gt; <br><b>Sent:</b> Tuesday, November 18, 2026 9:14 AM<br><b>To:</b> Bob<br><b>Subject:</b> New message</p></div>
      <p class=MsoNormal>Shall we?</p></div>`;
    expect(stripQuotedReply(htmlToText(outlook))).toBe("Yes, that works.\n\nBob");
  });

  it("marks signature blocks clients label as such with a '--' line", () => {
    const text = htmlToText(`<div>Thanks!</div><div id="Signature"><p>Bob</p></div>`);
    expect(text).toBe("Thanks!\n--\n\nBob");
    expect(stripQuotedReply(text)).toBe("Thanks!");
    expect(stripQuotedReply(htmlToText(`<p>Hi</p><pre class="moz-signature" cols="72">Alice</pre>`))).toBe("Hi");
  });

  it("writes list items, link targets and preformatted text", () => {
    expect(
      htmlToText(
        `<ul><li>one</li><li>two</li></ul><p>See <a href="https://example.org/doc">the doc</a> or <a href="https://example.org">https://example.org</a>.</p><pre>a  b\n  c</pre>`,
      ),
    ).toBe("- one\n- two\n\nSee the doc (https://example.org/doc) or https://example.org.\n\na  b\n  c");
  });
});

describe("decodeEntities", () => {
  it("decodes named, decimal and hex references and leaves unknown ones", () => {
    expect(
      decodeEntities("&auml;&ouml;&uuml;&szlig; &eacute; &euro;5 &#8211; &#x2014; &hellip; &amp &bogus; &#0; a&b"),
    ).toBe("äöüß é €5 – — … & &bogus; \ufffd a&b");
  });
});

describe("limitText and replyText", () => {
  it("keeps text within the limit, ending with an ellipsis, without splitting a surrogate pair", () => {
    expect(limitText("short", 10)).toEqual({ text: "short", truncated: false });
    const long = limitText("x".repeat(2500), 2000);
    expect(long.text).toHaveLength(2000);
    expect(long.text.endsWith("x…")).toBe(true);
    const emoji = limitText(`${"x".repeat(8)}😀😀`, 10);
    expect(emoji).toEqual({ text: "xxxxxxxx…", truncated: true });
  });

  it("uses the HTML part when the text part is missing or blank, and refuses an empty reply", () => {
    expect(replyText({ html: "<p>From HTML</p>" }, 2000)).toEqual({ ok: true, text: "From HTML", truncated: false });
    expect(replyText({ text: "  \n", html: "<p>From HTML</p>" }, 2000)).toEqual({
      ok: true,
      text: "From HTML",
      truncated: false,
    });
    expect(replyText({ text: "Plain", html: "<p>From HTML</p>" }, 2000)).toEqual({
      ok: true,
      text: "Plain",
      truncated: false,
    });
    const empty = replyText({ text: "> quoted\n\n-- \nsig" }, 2000);
    expect(empty.ok).toBe(false);
  });
});
