/** An upload once checked: what routes hand to the modules that store files. */
import type { FileKind } from "./file-kinds";

/** An accepted upload: its cleaned name, sniffed kind, size and bytes. */
export interface Upload {
  name: string;
  kind: FileKind;
  size: number;
  bytes: ArrayBuffer;
}
