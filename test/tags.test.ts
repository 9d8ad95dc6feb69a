import { describe, expect, it } from "vitest";
import { acknowledgementsTagValue, parseAcknowledgements, parseLicenceTag, parseTenant, tagProblems, TAG_KEYS, tenantTags, type Tenant } from "../components/core/index.js";

function tenant(id: string, licenceId: string, acknowledge?: { rule: string; reason: string }[]): Tenant {
  const result = parseTenant({
    id,
    ...(acknowledge ? { acknowledge } : {}),
    name: "T",
    contact: "ops@t.example",
    network: { cidr: "10.16.0.0/20" },
    services: [
      { product: "anyshare-cloud", licence: { id: licenceId, users: 100, start: "2026-01-01", end: "2027-01-01" } },
      { product: "ops-server" },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.tenant;
}

describe("tenantTags", () => {
  const acme = tenant("acme", "as_acme_1");

  it("tags the tenant's shared resources with the tenant and the manager", () => {
    expect(tenantTags(acme)).toEqual({ "managed-by": "tenantry", "tenantry:tenant": "acme" });
  });

  it("adds product, licence id and licence terms on a licensed service's resources", () => {
    expect(tenantTags(acme, acme.services[0])).toEqual({
      "managed-by": "tenantry",
      "tenantry:tenant": "acme",
      "tenantry:product": "anyshare-cloud",
      "tenantry:licence-id": "as_acme_1",
      "tenantry:licence": "start=2026-01-01 end=2027-01-01 users=100",
    });
  });

  it("round-trips licence terms and acknowledgements through their tag values", () => {
    expect(parseLicenceTag("start=2026-01-01 end=2027-01-01 users=50 edition=customised trial=true")).toEqual({
      start: "2026-01-01",
      end: "2027-01-01",
      users: 50,
      edition: "customised",
      trial: true,
    });
    expect(parseLicenceTag("start=2026-01-01 end=2027-01-01 capacity=unlimited")).toMatchObject({ capacityTb: "unlimited" });
    expect(parseLicenceTag("start=2026-01-01 end=2027-01-01 capacity=12.5")).toMatchObject({ capacityTb: 12.5 });
    expect(parseLicenceTag("nonsense")).toBeUndefined();
    const acks = [
      { rule: "tenant-quota", reason: "approved by the CTO on 2026-05-01" },
      { rule: "anyshare-host-size", reason: "pilot: ticket OPS-12" },
    ];
    expect(acknowledgementsTagValue(acks)).toBe("tenant-quota: approved by the CTO on 2026-05-01 + anyshare-host-size: pilot: ticket OPS-12");
    expect(parseAcknowledgements(acknowledgementsTagValue(acks))).toEqual(new Map(acks.map((a) => [a.rule, a.reason])));
  });

  it("has no licence tag on a service without a licence", () => {
    expect(tenantTags(acme, acme.services[1])).not.toHaveProperty(TAG_KEYS.licenceId);
  });

  it("is valid on every cloud for the longest values a manifest allows, with AWS's Name tag and every marker", () => {
    const longest = tenant("a".repeat(24), `as_${"x".repeat(40)}`, [
      { rule: "tenant-quota", reason: "r".repeat(80) },
      { rule: "stack-quota", reason: "s".repeat(18) },
    ]);
    for (const service of [undefined, ...longest.services]) {
      const tags = { ...tenantTags(longest, service), Name: "n".repeat(60), [TAG_KEYS.retainOnDelete]: "true", [TAG_KEYS.bandwidthMbps]: "50" };
      expect(tagProblems(tags)).toEqual([]);
    }
  });
});

describe("tagProblems", () => {
  const longKey = "k".repeat(129);
  it.each([
    [{ "aws:name": "x" }, [`key "aws:name": the prefix 'aws:' is reserved by a cloud`]],
    [{ aliyunTeam: "x" }, [`key "aliyunTeam": the prefix 'aliyun' is reserved by a cloud`]],
    [{ "acs:x": "x" }, [`key "acs:x": the prefix 'acs:' is reserved by a cloud`]],
    [{ _sys_x: "x" }, [`key "_sys_x": the prefix '_sys_' is reserved by a cloud`]],
    [{ "a/b": "x" }, [`key "a/b": only letters, digits, spaces and _ . : = + - @ are allowed`]],
    [{ a: "x".repeat(129) }, ["value of a: must be at most 128 characters"]],
    [{ [longKey]: "x" }, [`key "${longKey}": must be 1 to 128 characters`]],
    [
      { a: "see http://x" },
      [`value of a "see http://x": only letters, digits, spaces and _ . : = + - @ are allowed`, "value of a: must not contain http:// or https://"],
    ],
    [Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])), ["11 tags: at most 10 are allowed"]],
  ])("%j", (tags, problems) => {
    expect(tagProblems(tags)).toEqual(problems);
  });
});
