/** The HTML part of a mail: escaped text, clickable links, paragraphs, the footer set apart; nothing injected. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOOTER_SEPARATOR } from "../../worker/domain/mail-headers";
import { mailHtml } from "../../worker/domain/mail-html";

describe("mailHtml", () => {
  it("escapes the text, links web addresses without the sentence's full stop, keeps paragraphs and line breaks", () => {
    const html = mailHtml(
      `Hello <b>Sam</b> & "friends",\nsee https://trellis.test/c/abc?a=ok&b=1.\n\nBye${FOOTER_SEPARATOR}Unsubscribe: https://trellis.test/unsubscribe/x.y\n`,
    );
    expect(html).toContain(
      '<p>Hello &lt;b&gt;Sam&lt;/b&gt; &amp; &quot;friends&quot;,<br>\nsee <a href="https://trellis.test/c/abc?a=ok&amp;b=1">https://trellis.test/c/abc?a=ok&amp;b=1</a>.</p>\n<p>Bye</p>',
    );
    expect(html).toContain(
      '<hr>\n<div style="font-size:13px;color:#555">\n<p><a href="https://trellis.test/unsubscribe/x.y">Unsubscribe</a></p>\n</div>',
    );
    expect(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true);
  });

  it("links only http and https, never javascript: or data:", () => {
    const html = mailHtml("javascript:alert(1) data:text/html,<x> ftp://a.b http://ok.test/");
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain('<a href="http://ok.test/">');
  });

  it("for any text, the only tags are its own, and stripping them gives back exactly the text", () => {
    const own = ["!doctype", "html", "head", "meta", "body", "p", "br", "a", "hr", "div", "blockquote"];
    const fromHtml = (h: string) =>
      h
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        // Quoted lines lose their "> " and action lines show their label (tested below): the rest is given back.
        fc.pre(!text.includes(FOOTER_SEPARATOR) && !/^>/m.test(text) && !/^[^:\n]{1,60}: https?:\/\//m.test(text));
        const html = mailHtml(text);
        for (const [, name] of html.matchAll(/<\/?([a-z!]+)/g)) expect(own).toContain(name);
        const body = html.slice(html.indexOf("<body"), html.indexOf("</body>")).replace(/^<body[^>]*>/, "");
        expect(fromHtml(body.replace(/<[^>]*>/g, "")).replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
    );
  });

  it("makes an action line a button with its label, quoted lines a quotation, and leaves the footer plain", () => {
    const html = mailHtml(
      `Hello Bo,\n\nAna, Mon:\n> Hi <there>\n> second\n\nAccept: https://t.test/m/abc?a=accept\nDecline: https://t.test/m/abc?a=decline${FOOTER_SEPARATOR}Unsubscribe: https://t.test/unsubscribe/x\n`,
    );
    expect(html).toContain(
      '<p>Ana, Mon:</p>\n<blockquote style="margin:4px 0;padding-left:12px;border-left:3px solid #c8c8c8;color:#333333">Hi &lt;there&gt;<br>\nsecond</blockquote>',
    );
    expect(html).toMatch(
      /<p><a href="https:\/\/t\.test\/m\/abc\?a=accept" style="[^"]+">Accept<\/a><br>\n<a href="https:\/\/t\.test\/m\/abc\?a=decline" style="[^"]+">Decline<\/a><\/p>/,
    );
    expect(html).toContain('<p><a href="https://t.test/unsubscribe/x">Unsubscribe</a></p>');
    expect(html).not.toMatch(/<img|<link|url\(|@import|<script/i);
  });
});
