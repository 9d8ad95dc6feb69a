import { describe, expect, it } from "vitest";
import { cidrsOverlap, MAX_ZONES, planSubnets, SUBNET_TIERS, tenantCidrProblems } from "../components/core/index.js";

describe("planSubnets", () => {
  it("cuts a /20 into /24s, zone by zone, four tiers per zone", () => {
    expect(planSubnets("10.16.0.0/20", 2)).toEqual([
      { tier: "public", zone: 0, cidr: "10.16.0.0/24" },
      { tier: "app", zone: 0, cidr: "10.16.1.0/24" },
      { tier: "data", zone: 0, cidr: "10.16.2.0/24" },
      { tier: "management", zone: 0, cidr: "10.16.3.0/24" },
      { tier: "public", zone: 1, cidr: "10.16.4.0/24" },
      { tier: "app", zone: 1, cidr: "10.16.5.0/24" },
      { tier: "data", zone: 1, cidr: "10.16.6.0/24" },
      { tier: "management", zone: 1, cidr: "10.16.7.0/24" },
    ]);
  });

  it("scales with the block: a /16 gives /20 subnets, a /24 gives /28", () => {
    expect(planSubnets("172.20.0.0/16", 1).map((s) => s.cidr)).toEqual([
      "172.20.0.0/20",
      "172.20.16.0/20",
      "172.20.32.0/20",
      "172.20.48.0/20",
    ]);
    expect(planSubnets("192.168.7.0/24", 4).at(-1)).toEqual({ tier: "management", zone: 3, cidr: "192.168.7.240/28" });
  });

  it("never renumbers existing subnets when a zone is added", () => {
    const two = planSubnets("10.16.0.0/20", 2);
    const three = planSubnets("10.16.0.0/20", 3);
    expect(three.slice(0, two.length)).toEqual(two);
    expect(three).toHaveLength(3 * SUBNET_TIERS.length);
  });

  it("keeps every subnet inside the block and apart from the others", () => {
    const subnets = planSubnets("10.16.0.0/20", MAX_ZONES);
    expect(subnets).toHaveLength(16);
    for (const a of subnets) {
      expect(cidrsOverlap("10.16.0.0/20", a.cidr)).toBe(true);
      for (const b of subnets) if (a !== b) expect(cidrsOverlap(a.cidr, b.cidr)).toBe(false);
    }
  });

  it.each([0, 5, 1.5])("rejects %s zones", (zones) => {
    expect(() => planSubnets("10.16.0.0/20", zones)).toThrow(`zones must be a whole number from 1 to 4 (got ${zones})`);
  });

  it("rejects an invalid block with the problems found", () => {
    expect(() => planSubnets("10.16.0.0/25", 2)).toThrow("tenant block 10.16.0.0/25: must be a /16 to /24 block");
  });
});

describe("tenantCidrProblems", () => {
  it.each(["10.16.0.0/20", "10.0.0.0/16", "172.31.255.0/24", "192.168.0.0/16"])("accepts %s", (cidr) => {
    expect(tenantCidrProblems(cidr)).toEqual([]);
  });

  it.each([
    ["10.16.0.0", "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20"],
    ["10.16.0/20", "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20"],
    ["10.16.0.256/24", "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20"],
    ["10.16.0.0/40", "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20"],
    ["fd00::/64", "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20"],
    ["10.16.0.1/20", "must start at its network address: 10.16.0.0/20 (host bits set)"],
    ["10.0.0.0/15", "must be a /16 to /24 block, large enough for 16 subnets of at least /28"],
    ["10.16.0.0/25", "must be a /16 to /24 block, large enough for 16 subnets of at least /28"],
    ["100.64.0.0/20", "must lie inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"],
    ["172.32.0.0/20", "must lie inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"],
  ])("%s: %s", (cidr, problem) => {
    expect(tenantCidrProblems(cidr)).toEqual([problem]);
  });
});

describe("cidrsOverlap", () => {
  it.each([
    ["10.16.0.0/20", "10.16.16.0/20", false],
    ["10.16.0.0/20", "10.16.8.0/21", true],
    ["10.16.8.0/21", "10.16.0.0/20", true],
    ["10.16.0.0/20", "10.16.0.0/20", true],
    ["10.16.0.0/16", "10.17.0.0/16", false],
  ])("%s and %s: %s", (a, b, overlap) => {
    expect(cidrsOverlap(a, b)).toBe(overlap);
  });
});
