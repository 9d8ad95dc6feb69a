/** Reading the body rows of a markdown table, for tests that compare code with documents. */

/** The body rows (header and rule skipped) of the first table after `heading` in `doc`, as trimmed cells. */
export function tableAfter(doc: string, heading: string): string[][] {
  const at = doc.indexOf(heading);
  if (at < 0) throw new Error(`no heading ${JSON.stringify(heading)}`);
  const lines = doc.slice(at).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}
