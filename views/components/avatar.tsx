/** Avatars drawn from a person's initials on a colour that stays the same for that person on every page. */

/** How many avatar colours the stylesheet has (.av0 … .av7). */
export const AVATAR_COLOURS = 8;

/** Up to two initials of a name ("Mia Thompson" → "MT", "madonna" → "M"), or "?" for no name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0] ?? "";
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** A stable colour index for a person id (FNV-1a over its characters). */
export function avatarColour(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % AVATAR_COLOURS;
}

/** The avatar: decorative, since the name is always written next to it. */
export function Avatar({ id, name, small }: { id: string; name: string; small?: boolean }) {
  return (
    <span class={`av av${avatarColour(id)}${small ? " sm" : ""}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
