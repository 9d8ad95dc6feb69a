import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ZONES, formatProblem, licenceOf, loadFleet, loadTenantFile, parseTenant } from "../components/core/index.js";

const MALFORMED = "test/fixtures/malformed";

/** Each malformed fixture says, in `# expect:` comments, every problem it must produce. */
const fixtures = readdirSync(MALFORMED)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((name) => {
    const file = join(MALFORMED, name);
    const expected = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("# expect: "))
      .map((l) => `${file}: ${l.slice("# expect: ".length)}`);
    return [name, file, expected] as const;
  });

describe("malformed manifests: each produces its specific messages, and only those", () => {
  it("covers at least 20 kinds of mistake", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)("%s", async (_name, file, expected) => {
    expect(expected.length).toBeGreaterThan(0);
    const report = await loadTenantFile(file);
    expect(report.tenant).toBeUndefined();
    expect(report.problems.map(formatProblem)).toEqual(expected);
  });
});

describe("the demo tenants", () => {
  it("are valid, and fleet-wide consistent", async () => {
    const fleet = await loadFleet(["stacks/tenants"]);
    expect(fleet.files.flatMap((f) => f.problems.map(formatProblem))).toEqual([]);
    expect(fleet.ok).toBe(true);
    expect(fleet.tenants.map((t) => t.tenant.id)).toEqual(["acme", "globex", "initech"]);
  });

  it("cover both products, deduplication on and off, and the ops server", async () => {
    const services = (await loadFleet(["stacks/tenants"])).tenants.flatMap((t) => t.tenant.services);
    expect(services.map((s) => s.product)).toEqual(expect.arrayContaining(["anyshare-cloud", "anybackup-cloud", "ops-server"]));
    const dedup = services.flatMap((s) => (s.product === "anybackup-cloud" ? [s.deduplication] : []));
    expect(new Set(dedup)).toEqual(new Set([true, false]));
  });
});

describe("parseTenant", () => {
  const manifest = {
    id: "acme",
    name: "ACME Ltd",
    contact: "ops@acme.example",
    network: { cidr: "10.16.0.0/20" },
    services: [
      { product: "anyshare-cloud", licence: { id: "as_acme_1", users: 500, start: "2026-01-01", end: "2027-01-01" } },
      { product: "anybackup-cloud", licence: { id: "ab_acme_1", capacityTb: "unlimited", start: "2026-01-01", end: "2027-01-01", trial: true }, deduplication: false },
      { product: "ops-server" },
    ],
  };

  it("accepts the documented shape and fills in the zone count", () => {
    const result = parseTenant(manifest);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tenant.network).toEqual({ cidr: "10.16.0.0/20", zones: DEFAULT_ZONES });
    expect(DEFAULT_ZONES).toBe(2);
  });

  it("gives each licence its product", () => {
    const result = parseTenant(manifest);
    if (!result.ok) throw new Error("expected a valid manifest");
    expect(result.tenant.services.map(licenceOf)).toEqual([
      { product: "anyshare-cloud", id: "as_acme_1", users: 500, start: "2026-01-01", end: "2027-01-01" },
      { product: "anybackup-cloud", id: "ab_acme_1", capacityTb: "unlimited", start: "2026-01-01", end: "2027-01-01", trial: true },
      undefined,
    ]);
  });

  it("accepts the customised edition from 50 users", () => {
    const at50 = structuredClone(manifest);
    Object.assign(at50.services[0]!.licence!, { users: 50, edition: "customised" });
    expect(parseTenant(at50).ok).toBe(true);
  });

  it("names no file when none is given", () => {
    const result = parseTenant({ ...manifest, contact: "x" });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(['contact: must be an email address (got "x")']);
  });
});
