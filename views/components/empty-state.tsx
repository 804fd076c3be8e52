/** An empty list's place: an icon and what to do next, so an empty page is never a dead end. */
import type { Child } from "hono/jsx";
import { Icon, type IconName } from "./icon";

/** The empty state: `children` says what is missing and what to do about it. */
export function EmptyState({ icon, children }: { icon: IconName; children: Child }) {
  return (
    <div class="empty">
      <Icon name={icon} />
      <p>{children}</p>
    </div>
  );
}
