import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadFleet } from "../components/core/index.js";

const F = "test/fixtures/fleets";
const lines = async (...paths: string[]) => (await loadFleet(paths)).files.flatMap((f) => f.problems.map(formatProblem));

describe("fleet-wide rules", () => {
  it("rejects overlapping tenant blocks, naming the other tenant", async () => {
    expect(await lines(`${F}/overlap`)).toEqual([
      `${F}/overlap/beta.yaml: network.cidr: overlaps 10.30.0.0/20 of ${F}/overlap/alpha.yaml: tenant blocks must not overlap (got "10.30.8.0/21")`,
    ]);
  });

  it("rejects a licence id used twice", async () => {
    expect(await lines(`${F}/dup-licence`)).toEqual([
      `${F}/dup-licence/beta.yaml: services[0].licence.id: is already used by ${F}/dup-licence/alpha.yaml: licence ids are unique across the fleet (got "as_shared_1")`,
    ]);
  });

  it("rejects a tenant id used twice, across directories", async () => {
    expect(await lines(`${F}/dup-id/one`, `${F}/dup-id/two`)).toEqual([
      `${F}/dup-id/two/alpha.yaml: id: is already used by ${F}/dup-id/one/alpha.yaml: tenant ids are unique across the fleet (got "alpha")`,
    ]);
  });

  it("says when a path cannot be read or a directory holds no manifests", async () => {
    expect(await lines(`${F}/missing`, `${F}/no-manifests`)).toEqual([
      `${F}/missing: (file): cannot be read: no such file or directory`,
      `${F}/no-manifests: (directory): holds no tenant manifests (.yaml, .yml files)`,
    ]);
  });

  it("reports every file, valid ones included", async () => {
    const report = await loadFleet([`${F}/overlap`]);
    expect(report.ok).toBe(false);
    expect(report.files.map((f) => [f.file, f.problems.length])).toEqual([
      [`${F}/overlap/alpha.yaml`, 0],
      [`${F}/overlap/beta.yaml`, 1],
    ]);
  });

  it("checks a manifest again when its text changes (a process that loads a fleet twice checks each text once)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tenantry-fleet-"));
    try {
      cpSync(`${F}/overlap/alpha.yaml`, join(dir, "alpha.yaml"));
      cpSync(`${F}/overlap/beta.yaml`, join(dir, "beta.yaml"));
      const first = await loadFleet([dir]);
      expect(first.ok).toBe(false);
      expect((await loadFleet([dir])).files).toEqual(first.files);
      // beta moves to a block of its own: the same file name, a new text.
      writeFileSync(join(dir, "beta.yaml"), readFileSync(join(dir, "beta.yaml"), "utf8").replace("10.30.8.0/21", "10.31.0.0/21"));
      const again = await loadFleet([dir]);
      expect(again.ok).toBe(true);
      expect(again.tenants.map((t) => t.tenant.network.cidr)).toEqual(["10.30.0.0/20", "10.31.0.0/21"]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
