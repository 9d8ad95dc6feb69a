import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ANYBACKUP_DEDUP_OFF,
  ANYBACKUP_DEDUP_ON,
  ANYBACKUP_MARKETPLACE_CAPACITY_SPECS_TB,
  ANYBACKUP_MARKETPLACE_RECOMMENDED,
  ANYSHARE_MAX_DOCUMENTED_USERS,
  ANYSHARE_TIERS,
  NoDocumentedSizeError,
  OPS_SERVER,
  sizeForAnyBackup,
  sizeForAnyShare,
} from "../components/core/index.js";
import { tableAfter as table } from "./helpers/markdown.js";

// A verbatim copy of product-facts.md §1: the catalog is compared with the document's own text.
const doc = readFileSync(new URL("./fixtures/documented/host-sizing.md", import.meta.url), "utf8");

const tableAfter = (heading: string) => table(doc, heading);

/** The document's prose with line breaks folded, for quoting sentences that wrap. */
const prose = doc.replace(/\s+/g, " ");

const num = (cell: string) => Number(/[\d.]+/.exec(cell)![0]);

describe("catalog: AnyShare Cloud tiers match product-facts.md §1 row by row", () => {
  const rows = tableAfter("### AnyShare Cloud");

  it("has one tier per documented row, in the same order", () => {
    expect(rows).toHaveLength(7);
    expect(ANYSHARE_TIERS.map((t) => t.users)).toEqual(rows.map((r) => num(r[0]!)));
  });

  it.each(rows.map((r) => [r[0]!, r] as const))("%s users", (_users, row) => {
    const [users, memory, vcpu, systemDisk, cacheDisk, bandwidth, database] = row;
    const tier = ANYSHARE_TIERS.find((t) => t.users === num(users!))!;
    const [dbVcpu, dbMemory, dbStorage] = /(\d+) vCPU \/ (\d+) GiB, (\d+) GiB/.exec(database!)!.slice(1).map(Number);
    expect(tier.host).toMatchObject({
      memoryGiB: num(memory!),
      vcpu: num(vcpu!),
      systemDiskGiB: num(systemDisk!),
      cacheDiskGiB: num(cacheDisk!),
      bandwidthMbps: num(bandwidth!),
      publicIp: false,
    });
    expect(tier.database).toMatchObject({ vcpu: dbVcpu, memoryGiB: dbMemory, storageGiB: dbStorage, documentedEngine: "MySQL 5.6" });
    expect(tier.source).toEqual({ table: "product-facts.md §1 AnyShare Cloud", row: `${tier.users} users` });
  });

  it("stops at the documented maximum of 5,000 users", () => {
    expect(ANYSHARE_MAX_DOCUMENTED_USERS).toBe(5000);
    expect(prose).toContain("The table stops at 5,000 users");
  });
});

describe("catalog: AnyBackup Cloud configurations match product-facts.md §1", () => {
  const rows = tableAfter("### AnyBackup Cloud server");

  it.each([
    ["on", ANYBACKUP_DEDUP_ON, 0],
    ["off", ANYBACKUP_DEDUP_OFF, 1],
  ] as const)("deduplication %s", (setting, size, index) => {
    const [configuration, when, vcpu, memory, systemDisk, os, count] = rows[index]!;
    expect(when).toBe(`deduplication **${setting}**`);
    expect(count).toBe("1");
    expect(size.host).toMatchObject({
      vcpu: num(vcpu!),
      memoryGiB: num(memory!),
      systemDiskGiB: num(systemDisk!),
      documentedOs: os,
      publicIp: false,
    });
    expect(size.host.cacheDiskGiB).toBeUndefined();
    expect(size.source.row).toBe(`configuration ${configuration} (deduplication ${setting})`);
  });

  it("has the Huawei marketplace's recommended host: 8 vCPU / 16 GiB, 60 GiB system disk", () => {
    expect(prose).toContain("**8 vCPU / 16 GiB with a 60 GiB system disk**");
    expect(ANYBACKUP_MARKETPLACE_RECOMMENDED.host).toMatchObject({ vcpu: 8, memoryGiB: 16, systemDiskGiB: 60 });
  });

  it("has the marketplace capacity specs", () => {
    const line = /Marketplace capacity specs: trial, ([\d, ]+) TB/.exec(doc)![1]!;
    expect(ANYBACKUP_MARKETPLACE_CAPACITY_SPECS_TB).toEqual(line.split(",").map((s) => Number(s.trim())));
  });
});

describe("catalog: managed operations server", () => {
  it("is 4 vCPU / 8 GiB, 200 GiB disk, with a public IP", () => {
    expect(prose).toContain("**4 vCPU / 8 GiB, 200 GiB disk, with an EIP or public IP**");
    expect(OPS_SERVER.host).toEqual({ vcpu: 4, memoryGiB: 8, systemDiskGiB: 200, publicIp: true });
  });
});

describe("sizeForAnyShare", () => {
  it.each([
    [1, 100],
    [99, 100],
    [100, 100],
    [101, 300],
    [300, 300],
    [301, 500],
    [500, 500],
    [501, 1000],
    [1000, 1000],
    [1001, 1500],
    [1500, 1500],
    [1501, 2000],
    [2000, 2000],
    [2001, 5000],
    [4999, 5000],
    [5000, 5000],
  ])("%i users -> the %i-user tier", (users, tier) => {
    const size = sizeForAnyShare(users);
    expect(size.users).toBe(tier);
    expect(size.source.row).toBe(`${tier} users`);
  });

  it("fails above 5,000 users, naming the documented maximum", () => {
    expect(() => sizeForAnyShare(5001)).toThrow(NoDocumentedSizeError);
    expect(() => sizeForAnyShare(5001)).toThrow(
      "AnyShare sizing is documented up to 5000 users (got 5001): product-facts.md §1 has no tier above that",
    );
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects %s users", (users) => {
    expect(() => sizeForAnyShare(users)).toThrow(`AnyShare users must be a whole number of at least 1 (got ${users})`);
  });
});

describe("sizeForAnyBackup", () => {
  it("returns configuration 1 with deduplication and configuration 2 without", () => {
    expect(sizeForAnyBackup({ deduplication: true })).toBe(ANYBACKUP_DEDUP_ON);
    expect(sizeForAnyBackup({ deduplication: false })).toBe(ANYBACKUP_DEDUP_OFF);
  });
});
