/**
 * The categories of notification mail, the modes a person can choose for each, what each category is about, and a
 * mail's status.
 */
import { notificationCategories, type notificationStatuses } from "./vocabulary";

/** One category of notification mail. */
export type NotificationCategory = (typeof notificationCategories)[number];
/** How a person wants a category: at once, in the weekly digest, or not at all. */
export type NotificationMode = "immediate" | "digest" | "off";
/** Every mode a person can choose, in the order the preferences page offers them. */
export const notificationModes: readonly NotificationMode[] = ["immediate", "digest", "off"];
/** Where an outbound mail stands (see `notificationStatuses`). */
export type NotificationStatus = (typeof notificationStatuses)[number];

/** What each category is, for the preferences page and the footer of its mails. */
export const categoryInfo: Record<NotificationCategory, { label: string; description: string; reason: string }> = {
  "check-ins": {
    label: "Check-ins",
    description:
      "A few questions every few weeks about how your mentoring is going. You can answer straight from the email.",
    reason: "your mentoring program asks how things are going every few weeks",
  },
  reminders: {
    label: "Reminders",
    description:
      "Nudges when something is waiting for you: an agreement to sign, a first meeting to plan, a check-in not yet answered.",
    reason: "something in your mentoring is waiting for you",
  },
  chat: {
    label: "Chat messages",
    description:
      "New messages in your pairing's chat while you are away from Trellis: one email after the chat has been quiet for 15 minutes, quoting what you have not read. Reply to it to answer in the chat.",
    reason: "someone wrote to you in your pairing's chat and you had not read it",
  },
  meetings: {
    label: "Meetings",
    description:
      "Meetings proposed, confirmed, moved or cancelled by your mentoring partner (answer a proposal from the email), and a reminder before each meeting.",
    reason: "it is about a meeting in your mentoring",
  },
  program: {
    label: "Program news",
    description: "Your matches, your program's milestones, and messages from its coordinators.",
    reason: "you take part in a mentoring program on Trellis",
  },
};

/** True for the categories notifications have. */
export function isCategory(value: unknown): value is NotificationCategory {
  return typeof value === "string" && (notificationCategories as readonly string[]).includes(value);
}
