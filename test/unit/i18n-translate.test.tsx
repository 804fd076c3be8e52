import { describe, expect, it } from "vitest";
import { i18nFor, Rich, renderIn, useI18n } from "../../views/i18n";
import { closestLocaleTag, directionOf, isLocale } from "../../worker/domain/i18n/locales";
import { isMessageId, isolated, translator } from "../../worker/domain/i18n/translate";
import { requestLocale } from "../../worker/middleware/locale";

describe("translating", () => {
  it("picks each language's plural forms with its own rules (Arabic has a dual)", () => {
    const ar = translator("ar");
    expect(ar("signin.error.tooMany", { minutes: 1 })).toContain("دقيقة واحدة");
    expect(ar("signin.error.tooMany", { minutes: 2 })).toContain("دقيقتين");
    expect(ar("signin.error.tooMany", { minutes: 3 })).toContain("3 دقائق");
    expect(translator("en")("form.fix", { count: 1 })).toBe("Please fix the field marked below.");
    expect(translator("en")("form.fix", { count: 2 })).toBe("Please fix the 2 fields marked below.");
    expect(translator("fr")("form.fix", { count: 3 })).toBe("Veuillez corriger les 3 champs signalés ci-dessous.");
  });

  it("formats the numbers it puts in with the locale's digits rules", () => {
    expect(translator("hi")("form.fix", { count: 2 })).toContain("2");
    expect(translator("zh-CN")("form.fix", { count: 1200 })).toContain("1,200");
  });

  it("knows its ids", () => {
    expect(isMessageId("signin.title")).toBe(true);
    expect(isMessageId("Enter your email address.")).toBe(false);
    expect(isMessageId("toString")).toBe(false);
  });

  it("Rich marks words without ever taking a person's text for markup, in the language renderIn gives", async () => {
    const render = async (email: string, locale: "en" | "ar" = "en") =>
      renderIn(i18nFor(locale), <Rich id="signin.confirm.body" values={{ email }} />);
    expect(await render("ada@example.org")).toBe("Continue as <strong>ada@example.org</strong>.");
    expect(await render("<b>x</b>@example.org")).toBe("Continue as <strong>&lt;b&gt;x&lt;/b&gt;@example.org</strong>.");
    expect(await render("ada@example.org", "ar")).toBe("المتابعة باسم <strong>\u2068ada@example.org\u2069</strong>.");
  });

  it("isolates a person's text whose direction could clash with the sentence's, and nothing else", () => {
    expect(translator("en")("mail.helloNamed", { name: "Ana" })).toBe("Hello Ana,");
    expect(translator("en")("mail.helloNamed", { name: "سارة" })).toBe("Hello \u2068سارة\u2069,");
    expect(translator("ar")("mail.helloNamed", { name: "Ana" })).toContain("\u2068Ana\u2069");
    expect(translator("ar")("form.fix", { count: 2 })).not.toMatch(/[\u2068\u2069]/);
    expect(isolated("en", { name: "Ana", count: 2 })).toEqual({ name: "Ana", count: 2 });
    expect(isolated("ar", { name: "", count: 2 })).toEqual({ name: "", count: 2 });
    // Already isolated (a view's own isolate): not wrapped twice.
    expect(translator("ar")("mail.helloNamed", { name: "\u2068Ana\u2069" })).not.toContain("\u2068\u2068");
  });

  it("never isolates a value a message selects its words by", () => {
    expect(translator("ar")("onboarding.welcome.joinedAs", { role: "mentor" })).toBe("انضممت بصفتك مرشدًا.");
    expect(translator("ar")("onboarding.welcome.joinedAs", { role: "both" })).toBe("انضممت بصفتك مرشدًا ومسترشدًا.");
  });
});

describe("choosing the language", () => {
  it("maps browser tags onto shipped locales", () => {
    expect(closestLocaleTag("pt-PT")).toBe("pt-BR");
    expect(closestLocaleTag("zh-Hant-TW")).toBe("zh-CN");
    expect(closestLocaleTag("es_MX")).toBe("es-MX");
    expect(isLocale("pt-BR")).toBe(true);
    expect(isLocale("pt")).toBe(false);
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("hi")).toBe("ltr");
  });

  it("a person's own choice wins over the browser's; unknown choices are ignored", () => {
    expect(requestLocale("sw", "fr")).toBe("sw");
    expect(requestLocale(null, "fr")).toBe("fr");
    expect(requestLocale("xx", "fr")).toBe("fr");
    expect(requestLocale(undefined, undefined)).toBe("en");
  });
});

describe("renderIn", () => {
  it("gives the tree its language for the one render, then English again", () => {
    const Heading = () => {
      const { t, locale, dir } = useI18n();
      return (
        <h1 lang={locale} dir={dir}>
          {t("signin.title")}
        </h1>
      );
    };
    expect(renderIn(i18nFor("ar"), <Heading />)).toBe('<h1 lang="ar" dir="rtl">تسجيل الدخول</h1>');
    expect(renderIn(i18nFor("en"), <Heading />)).toBe('<h1 lang="en" dir="ltr">Sign in</h1>');
    expect(useI18n().locale).toBe("en");
  });

  it("refuses a tree that would render asynchronously, and leaves the language as it was", () => {
    const Late = async () => <p>late</p>;
    expect(() => renderIn(i18nFor("fr"), <Late />)).toThrow(/asynchronously/);
    expect(useI18n().locale).toBe("en");
  });
});
