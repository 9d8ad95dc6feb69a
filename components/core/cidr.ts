/**
 * The tenant CIDR plan: how a tenant's own address block is cut into subnets.
 *
 * Layout (documented in the README): the block is cut into 16 equal slots (subnet prefix =
 * block prefix + 4). Slots are taken zone by zone, four tiers per zone, in the order of
 * {@link SUBNET_TIERS}: zone 0 uses slots 0-3, zone 1 slots 4-7, and so on. Adding a zone later
 * never renumbers an existing subnet. Address maths is done by the `netmask` library.
 */
import { isIPv4 } from "node:net";
import { Netmask } from "netmask";

/** The subnet tiers of every tenant network (product-facts.md §3: VPC planning, subnet division). */
export const SUBNET_TIERS = ["public", "app", "data", "management"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** How many bits the plan adds to the tenant prefix: 2^4 = 16 slots = 4 zones x 4 tiers. */
export const SLOT_BITS = 4;
export const MAX_ZONES = 2 ** SLOT_BITS / SUBNET_TIERS.length;

/**
 * Tenant blocks from /16 to /24. /16 is the largest VPC AWS allows; /24 gives /28 subnets, the
 * smallest subnet AWS allows (Alibaba vSwitches and Huawei subnets allow smaller, so AWS binds).
 */
export const LARGEST_BLOCK_PREFIX = 16;
export const SMALLEST_BLOCK_PREFIX = 24;

/** RFC 1918 private ranges: the address spaces every supported cloud accepts for a VPC. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  /** Zone index (0-based); each cloud maps it to one of the region's availability zones. */
  readonly zone: number;
  readonly cidr: string;
}

const NOTATION = "must be an IPv4 block in CIDR notation, such as 10.16.0.0/20";

/** Problems with `cidr` as any IPv4 block in CIDR notation (e.g. for an allow list); empty when fine. */
export function ipv4CidrProblems(cidr: string): string[] {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!match || !isIPv4(match[1]!) || Number(match[2]) > 32) return [NOTATION];
  const block = new Netmask(cidr);
  return block.base === match[1] ? [] : [`must start at its network address: ${block.toString()} (host bits set)`];
}

/**
 * Every problem with `cidr` as a tenant block, each saying what is allowed; empty when it is fine.
 * A block must be IPv4 CIDR notation, a network address, /16 to /24, and inside an RFC 1918 range.
 */
export function tenantCidrProblems(cidr: string): string[] {
  const problems = ipv4CidrProblems(cidr);
  if (problems[0] === NOTATION) return problems;
  const block = new Netmask(cidr);
  if (block.bitmask < LARGEST_BLOCK_PREFIX || block.bitmask > SMALLEST_BLOCK_PREFIX) {
    problems.push(
      `must be a /${LARGEST_BLOCK_PREFIX} to /${SMALLEST_BLOCK_PREFIX} block, large enough for ` +
        `${2 ** SLOT_BITS} subnets of at least /28`,
    );
  }
  if (!PRIVATE_RANGES.some((range) => new Netmask(range).contains(block))) {
    problems.push(`must lie inside a private range (${PRIVATE_RANGES.join(", ")})`);
  }
  return problems;
}

function block(cidr: string): Netmask {
  const problems = tenantCidrProblems(cidr);
  if (problems.length > 0) throw new RangeError(`tenant block ${cidr}: ${problems.join("; ")}`);
  return new Netmask(cidr);
}

/** The subnets of a tenant block for `zones` zones (1 to {@link MAX_ZONES}), zone by zone. */
export function planSubnets(cidr: string, zones: number): PlannedSubnet[] {
  if (!Number.isInteger(zones) || zones < 1 || zones > MAX_ZONES) {
    throw new RangeError(`zones must be a whole number from 1 to ${MAX_ZONES} (got ${zones})`);
  }
  const tenant = block(cidr);
  const first = new Netmask(tenant.base, tenant.bitmask + SLOT_BITS);
  const subnets: PlannedSubnet[] = [];
  for (let zone = 0; zone < zones; zone++) {
    SUBNET_TIERS.forEach((tier, t) => {
      const slot = zone * SUBNET_TIERS.length + t;
      subnets.push({ tier, zone, cidr: (slot === 0 ? first : first.next(slot)).toString() });
    });
  }
  return subnets;
}

/** The addresses of a valid CIDR block, as 32-bit numbers: its network address and its last address. */
export interface AddressRange {
  readonly start: number;
  readonly end: number;
}

/** {@link AddressRange} of a valid CIDR block (parse once, compare many: see {@link rangesOverlap}). */
export function cidrRange(cidr: string): AddressRange {
  const block = new Netmask(cidr);
  return { start: block.netLong, end: block.netLong + block.size - 1 };
}

/** Whether two address ranges share any address (two CIDR blocks do exactly when one holds the other). */
export function rangesOverlap(x: AddressRange, y: AddressRange): boolean {
  return x.start <= y.end && y.start <= x.end;
}

/** Whether two valid CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  return rangesOverlap(cidrRange(a), cidrRange(b));
}
