/** The shapes of a pairing's shared files that pages are handed. */
import type { FileKind } from "./file-kinds";

/** A file shared in a pairing (its bytes are in R2; the room keeps this). */
export interface SharedFile {
  id: string;
  name: string;
  kind: FileKind;
  size: number;
  note: string;
  addedBy: string;
  addedAt: number;
  /** How many comments it has. */
  comments: number;
}

/** One comment on a shared file. */
export interface FileComment {
  id: string;
  authorId: string;
  body: string;
  at: number;
}
