import { describe, expect, it } from "vitest";
import { riskReasonMessage } from "../../worker/domain/dashboard/risk-reasons";
import { translator } from "../../worker/domain/i18n/translate";
import { languageName } from "../../worker/domain/matching/language-names";
import { reasonText } from "../../worker/domain/matching/reason-words";

describe("match reasons in the viewer's language", () => {
  const fr = translator("fr");
  const en = translator("en");

  it("reads the matcher's English reasons back into messages, in English unchanged", () => {
    for (const reason of [
      "shares 2 goals: public speaking, python",
      "shared language: spanish",
      "3.5 h/week overlap",
      "both use video, chat",
      "no shared channel",
      "wanted 2 mentors, got 1: other compatible mentors are full",
      "on the mentee's avoid list",
    ]) {
      const english = reasonText(reason, "en", en);
      expect(english.toLowerCase(), reason).toBe(
        reason.replace("spanish", "Spanish").replace("video, chat", "video and chat").toLowerCase(),
      );
    }
  });

  it("names languages, channels and numbers the viewer's way", () => {
    expect(reasonText("shared languages: english, spanish", "fr", fr)).toBe("langues communes : anglais et espagnol");
    expect(reasonText("3.5 h/week overlap", "fr", fr)).toBe("3,5 h/semaine en commun");
    expect(reasonText("both use video, in person", "fr", fr)).toBe("tous deux utilisent visio et en personne");
    expect(reasonText("shares 1 goal: python", "fr", fr)).toBe("1 objectif commun : python");
  });

  it("leaves a reason it does not know, and a language nobody calls so, as written", () => {
    expect(reasonText("a reason from a future version", "fr", fr)).toBe("a reason from a future version");
    expect(languageName("Klingon", "fr")).toBe("Klingon");
    expect(languageName("Español", "zh-CN")).toBe("西班牙语");
    expect(languageName("hindi", "hi")).toBe("हिन्दी");
  });

  it("recognises the risk reason Trellis writes and keeps the name it quotes", () => {
    expect(riskReasonMessage('Ana María answered "Struggling" to a check-in.')).toEqual({
      id: "dashboard.risk.struggling",
      values: { name: "Ana María" },
    });
    expect(riskReasonMessage("No meeting in 3 weeks.")).toBeNull();
    const words = (reason: string) => {
      const m = riskReasonMessage(reason);
      return m ? translator("fr")(m.id, m.values) : null;
    };
    expect(words("No mentoring agreement 5 days after it was due.")).toBe(
      "Pas d'accord de mentorat 5 jours après l'échéance.",
    );
    expect(words("3 check-ins in a row unanswered.")).toBe("3 points d'étape sans réponse d'affilée.");
    expect(words("No meeting held for more than 30 days.")).toBe("Aucune rencontre depuis plus de 30 jours.");
    expect(words("No meeting held a week after the first one was due.")).toBe(
      "Aucune rencontre une semaine après la date prévue pour la première.",
    );
  });
});
