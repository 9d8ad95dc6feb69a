/**
 * Reads the documented size -> class tables of instance-flavors.md (§2 VM sizes, §3 managed MySQL),
 * from the verbatim copy in test/fixtures/documented/, for every cloud's flavour test.
 */
import { readFileSync } from "node:fs";
import { tableAfter } from "./markdown.js";

const doc = readFileSync(new URL("../fixtures/documented/instance-flavors.md", import.meta.url), "utf8");

export interface DocumentedFlavor {
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** The first class the cell names: the one the rule picks. */
  readonly name: string;
  readonly exact: boolean;
}

export type Cloud = "AWS" | "Alibaba" | "Huawei";
const COLUMN: Record<Cloud, number> = { AWS: 1, Alibaba: 2, Huawei: 3 };

const rows = (heading: string) => tableAfter(doc, heading);

function flavor(size: [number, number], cell: string): DocumentedFlavor {
  const match = /`([^`]+)`([^`]*)/.exec(cell);
  if (!match) throw new Error(`no class in ${cell}`);
  const note = match[2]!.split(".")[0]!;
  return { vcpu: size[0], memoryGiB: size[1], name: match[1]!, exact: /\bexact\b/.test(note) };
}

/** §2: documented VM sizes ("1 / 4") and the class each cloud's column names first. */
export function documentedVmFlavors(cloud: Cloud): DocumentedFlavor[] {
  return rows("## 2. VM sizes").map((r) => {
    const [vcpu, mem] = r[0]!.split("/").map((x) => Number(x.trim()));
    return flavor([vcpu!, mem!], r[COLUMN[cloud]]!);
  });
}

/** §3: documented database sizes ("1C2G") and the class each cloud's column names first. */
export function documentedDatabaseFlavors(cloud: Cloud): DocumentedFlavor[] {
  return rows("## 3. Managed MySQL sizes").map((r) => {
    const [, vcpu, mem] = /^(\d+)C(\d+)G$/.exec(r[0]!)!;
    return flavor([Number(vcpu), Number(mem)], r[COLUMN[cloud]]!);
  });
}
