/**
 * AWS instance and database classes, from `docs/instance-flavors.md` (§1: families
 * c6i / m6i, Intel 6th generation, non-burst; §3: RDS db.m6i). Sizes are looked up with the
 * core rule `smallestCovering`: the smallest class with at least the documented vCPU and memory.
 */
import { smallestCovering, type DatabaseSize, type Flavor, type FlavorChoice, type HostSize } from "../core/index.js";

/** §2: the EC2 types that cover every documented host size. */
export const EC2_INSTANCE_TYPES: readonly Flavor[] = [
  { name: "c6i.large", vcpu: 2, memoryGiB: 4 },
  { name: "m6i.large", vcpu: 2, memoryGiB: 8 },
  { name: "c6i.xlarge", vcpu: 4, memoryGiB: 8 },
  { name: "m6i.xlarge", vcpu: 4, memoryGiB: 16 },
  { name: "c6i.2xlarge", vcpu: 8, memoryGiB: 16 },
  { name: "m6i.2xlarge", vcpu: 8, memoryGiB: 32 },
  { name: "c6i.4xlarge", vcpu: 16, memoryGiB: 32 },
  { name: "m6i.4xlarge", vcpu: 16, memoryGiB: 64 },
];

/**
 * §3: standard (non-burst) RDS classes. AWS has no 1-vCPU RDS class, so the documented 1-vCPU
 * databases get the next larger class; db.m6i needs MySQL 8.0.28 or later.
 */
export const RDS_INSTANCE_CLASSES: readonly Flavor[] = [
  { name: "db.m6i.large", vcpu: 2, memoryGiB: 8 },
  { name: "db.m6i.xlarge", vcpu: 4, memoryGiB: 16 },
  { name: "db.m6i.2xlarge", vcpu: 8, memoryGiB: 32 },
];

/** The EC2 instance type for a documented host size (e.g. 1 vCPU / 4 GiB -> c6i.large, next larger). */
export function ec2InstanceType(size: Pick<HostSize, "vcpu" | "memoryGiB">): FlavorChoice {
  return smallestCovering(EC2_INSTANCE_TYPES, size, "EC2 instance type in EC2_INSTANCE_TYPES");
}

/** The RDS instance class for a documented database size (e.g. 4 vCPU / 8 GiB -> db.m6i.xlarge, next larger). */
export function rdsInstanceClass(size: Pick<DatabaseSize, "vcpu" | "memoryGiB">): FlavorChoice {
  return smallestCovering(RDS_INSTANCE_CLASSES, size, "RDS instance class in RDS_INSTANCE_CLASSES");
}
