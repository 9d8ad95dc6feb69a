/**
 * The documentation stands alone and stays true: nothing points outside the repository, the facts
 * restated in docs/ hold the documented numbers, every optional component argument says its
 * default, and the LICENSE matches package.json.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { tableAfter } from "./helpers/markdown.js";

const tracked = execFileSync("git", ["ls-files"], { encoding: "utf8" }).split("\n").filter(Boolean);

describe("the repository stands alone", () => {
  it("no tracked file points at the shared reference outside it", () => {
    const outside = ["..", "shared"].join("/");
    const absolute = ["", "work", "shared"].join("/");
    const offenders = tracked.filter((f) => !f.endsWith("package-lock.json")).filter((f) => {
      const text = readFileSync(f, "utf8");
      return text.includes(outside) || text.includes(absolute) || text.includes(["shared", "reference"].join("/"));
    });
    expect(offenders).toEqual([]);
  });

  it("the code's citations name files in docs/", () => {
    const cited = new Set(tracked.filter((f) => /^(components|policies|plan|stacks)\/.*\.ts$/.test(f)).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/([a-z-]+\.md) §/g)].map((m) => m[1]!)));
    expect([...cited].filter((name) => !tracked.includes(`docs/${name}`))).toEqual([]);
  });
});

describe("docs/product-facts.md §1 holds the documented sizes", () => {
  const facts = readFileSync("docs/product-facts.md", "utf8");
  const documented = readFileSync("test/fixtures/documented/host-sizing.md", "utf8");
  /** A row's numbers, sorted: the docs may order the columns differently. */
  const numbers = (row: readonly string[]) => row.join(" ").match(/\d+(\.\d+)?/g)!.map(Number).sort((a, b) => a - b);

  it("AnyShare Cloud: every tier with the same numbers", () => {
    const byUsers = (rows: string[][]) => new Map(rows.map((r) => [r[0]!, numbers(r)]));
    expect(byUsers(tableAfter(facts, "### AnyShare Cloud"))).toEqual(byUsers(tableAfter(documented, "### AnyShare Cloud")));
  });

  it("AnyBackup Cloud: both configurations with the same numbers", () => {
    const rows = (doc: string) => tableAfter(doc, "### AnyBackup Cloud").map(numbers);
    expect(rows(facts)).toEqual(rows(documented));
  });
});

describe("component arguments", () => {
  /** Every exported `*Args` interface of every cloud's components and the core. */
  const optionalArgs = readdirSync("components").flatMap((cloud) =>
    readdirSync(join("components", cloud))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => {
        const file = join("components", cloud, f);
        const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
        return source.statements.flatMap((s) =>
          ts.isInterfaceDeclaration(s) && s.name.text.endsWith("Args") && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
            ? s.members.flatMap((m) =>
                ts.isPropertySignature(m) && m.questionToken
                  ? [{ where: `${file}: ${s.name.text}.${m.name.getText()}`, doc: ts.getJSDocCommentsAndTags(m).map((d) => d.getText()).join(" ") }]
                  : [],
              )
            : [],
        );
      }),
  );

  it("are found (the check below is not vacuous)", () => {
    expect(optionalArgs.length).toBeGreaterThan(30);
  });

  it("every optional one documents its default, or when it is required", () => {
    expect(optionalArgs.filter((a) => !/default|required (when|with)/i.test(a.doc)).map((a) => a.where)).toEqual([]);
  });
});

describe("LICENSE", () => {
  it("is the Apache License 2.0 that package.json names", () => {
    expect(JSON.parse(readFileSync("package.json", "utf8")).license).toBe("Apache-2.0");
    expect(readFileSync("LICENSE", "utf8")).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  });
});
