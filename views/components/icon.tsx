/** Icons from the one cached SVG sprite (views/static/icons.svg), drawn in the text colour; decorative by default. */
import { ASSETS } from "../assets.gen";

/** The names of the sprite's symbols. */
export type IconName =
  | "logo"
  | "home"
  | "programs"
  | "calendar"
  | "user"
  | "signout"
  | "chat"
  | "video"
  | "target"
  | "note"
  | "link"
  | "sign"
  | "grid"
  | "chart"
  | "alert"
  | "users"
  | "match"
  | "flag"
  | "mail"
  | "download"
  | "list"
  | "send"
  | "check"
  | "clock"
  | "plus"
  | "inbox"
  | "arrow";

/** Every icon, for the style page. */
export const ICON_NAMES: readonly IconName[] = [
  "logo",
  "home",
  "programs",
  "calendar",
  "user",
  "signout",
  "chat",
  "video",
  "target",
  "note",
  "link",
  "sign",
  "grid",
  "chart",
  "alert",
  "users",
  "match",
  "flag",
  "mail",
  "download",
  "list",
  "send",
  "check",
  "clock",
  "plus",
  "inbox",
  "arrow",
];

/** An icon beside text (hidden from assistive technology: the text next to it names the thing). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="i" aria-hidden="true" focusable="false">
      <use href={`/assets/${ASSETS.icons}#${name}`} />
    </svg>
  );
}
