/**
 * The package test's directories (test/package/projects.ts): every run works in its own, removes
 * them afterwards, and shares only a dependency template that is published whole and never written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dependencyTemplate, runDirectory, tempDirectories } from "./package/projects.js";

let base: string;
afterEach(() => rmSync(base, { recursive: true, force: true }));
const fresh = () => (base = mkdtempSync(join(tmpdir(), "tenantry-projects-test-")));

describe("the package test's run directories", () => {
  it("are new and empty for every run, and all removed at its end", () => {
    fresh();
    const one = tempDirectories(base);
    const two = tempDirectories(base);
    const a = runDirectory(one, undefined);
    const b = runDirectory(two, undefined);
    expect(a).not.toBe(b);
    expect(readdirSync(a)).toEqual([]);
    writeFileSync(join(a, "file"), "x");
    one.make("tenantry-pack-");
    one.removeAll();
    expect(readdirSync(base)).toEqual([b.slice(base.length + 1)]);
    two.removeAll();
    expect(readdirSync(base)).toEqual([]);
  });

  it("are the script's when it gives one (its Node versions share it; the script removes it)", () => {
    fresh();
    const temp = tempDirectories(base);
    expect(runDirectory(temp, join(base, "given"))).toBe(join(base, "given"));
    temp.removeAll();
    expect(existsSync(join(base, "given"))).toBe(true);
  });
});

describe("a dependency template", () => {
  const install = (dir: string, packages: readonly string[]) => writeFileSync(join(dir, "installed"), packages.join(" "));

  it("is installed once per package set, then reused without installing", () => {
    fresh();
    let installs = 0;
    const counting = (dir: string, packages: readonly string[]) => {
      installs += 1;
      install(dir, packages);
    };
    const t = dependencyTemplate(base, "aws", ["a@1"], counting);
    expect(dependencyTemplate(base, "aws", ["a@1"], counting)).toBe(t);
    expect(installs).toBe(1);
    expect(readFileSync(join(t, "installed"), "utf8")).toBe("a@1");
    expect(dependencyTemplate(base, "aws", ["a@2"], counting)).not.toBe(t);
    expect(installs).toBe(2);
  });

  it("is never half made: a run that loses the race to publish it keeps the winner's and leaves nothing behind", () => {
    fresh();
    let winner = "";
    const racing = (dir: string, packages: readonly string[]) => {
      install(dir, packages);
      // Another run publishes the same template while this one installs.
      winner = dependencyTemplate(base, "aws", packages, (d) => writeFileSync(join(d, "installed"), "the other run's"));
    };
    const t = dependencyTemplate(base, "aws", ["a@1"], racing);
    expect(t).toBe(winner);
    expect(readFileSync(join(t, "installed"), "utf8")).toBe("the other run's");
    expect(readdirSync(base)).toEqual([t.slice(base.length + 1)]);
  });

  it("is not published when its install fails", () => {
    fresh();
    const failing = () => {
      throw new Error("npm install failed");
    };
    expect(() => dependencyTemplate(base, "aws", ["a@1"], failing)).toThrow("npm install failed");
    expect(readdirSync(base)).toEqual([]);
  });
});
