/**
 * The categories of notification mail, the modes a person can choose for each, what each category is about, and a
 * mail's status.
 */
import type { MessageId } from "./i18n/translate";
import { notificationCategories, type notificationStatuses } from "./vocabulary";

/** One category of notification mail. */
export type NotificationCategory = (typeof notificationCategories)[number];
/** How a person wants a category: at once, in the weekly digest, or not at all. */
export type NotificationMode = "immediate" | "digest" | "off";
/** Every mode a person can choose, in the order the preferences page offers them. */
export const notificationModes: readonly NotificationMode[] = ["immediate", "digest", "off"];
/** Where an outbound mail stands (see `notificationStatuses`). */
export type NotificationStatus = (typeof notificationStatuses)[number];

/** What each category is, for the preferences page and the footer of its mails (message ids). */
export const categoryInfo: Record<
  NotificationCategory,
  { label: MessageId; description: MessageId; reason: MessageId }
> = {
  "check-ins": {
    label: "category.checkins.label",
    description: "category.checkins.description",
    reason: "category.checkins.reason",
  },
  reminders: {
    label: "category.reminders.label",
    description: "category.reminders.description",
    reason: "category.reminders.reason",
  },
  chat: { label: "category.chat.label", description: "category.chat.description", reason: "category.chat.reason" },
  meetings: {
    label: "category.meetings.label",
    description: "category.meetings.description",
    reason: "category.meetings.reason",
  },
  program: {
    label: "category.program.label",
    description: "category.program.description",
    reason: "category.program.reason",
  },
};

/** True for the categories notifications have. */
export function isCategory(value: unknown): value is NotificationCategory {
  return typeof value === "string" && (notificationCategories as readonly string[]).includes(value);
}
