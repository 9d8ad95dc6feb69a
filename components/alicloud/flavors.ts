/**
 * Alibaba Cloud instance and database classes, from `docs/instance-flavors.md`
 * (§1: ECS families ecs.c7 / ecs.g7, enterprise level, 7th generation; §3: ApsaraDB RDS for MySQL,
 * cloud disk, general-purpose). Sizes are looked up with the core rule `smallestCovering`.
 */
import { smallestCovering, type DatabaseSize, type Flavor, type FlavorChoice, type HostSize } from "../core/index.js";

/** §2: the ECS types that cover every documented host size. */
export const ECS_INSTANCE_TYPES: readonly Flavor[] = [
  { name: "ecs.c7.large", vcpu: 2, memoryGiB: 4 },
  { name: "ecs.g7.large", vcpu: 2, memoryGiB: 8 },
  { name: "ecs.c7.xlarge", vcpu: 4, memoryGiB: 8 },
  { name: "ecs.g7.xlarge", vcpu: 4, memoryGiB: 16 },
  { name: "ecs.c7.2xlarge", vcpu: 8, memoryGiB: 16 },
  { name: "ecs.g7.2xlarge", vcpu: 8, memoryGiB: 32 },
  { name: "ecs.c7.4xlarge", vcpu: 16, memoryGiB: 32 },
  { name: "ecs.g7.4xlarge", vcpu: 16, memoryGiB: 64 },
];

export type RdsCategory = "HighAvailability" | "Basic";

/**
 * §3: RDS MySQL classes per series. High-availability (`.2c`, cloud disk, general-purpose) covers
 * every documented size. Of the Basic series (`.1`) the reference verifies only the smallest class
 * still sold, `mysql.n2.medium.1` (2/4; `mysql.n2.small.1` is historical), so Basic fits only the
 * documented databases up to 2 vCPU / 4 GiB.
 */
export const RDS_INSTANCE_CLASSES: Readonly<Record<RdsCategory, readonly Flavor[]>> = {
  HighAvailability: [
    { name: "mysql.n2.small.2c", vcpu: 1, memoryGiB: 2 },
    { name: "mysql.n2.medium.2c", vcpu: 2, memoryGiB: 4 },
    { name: "mysql.n4.medium.2c", vcpu: 2, memoryGiB: 8 },
    { name: "mysql.n2.large.2c", vcpu: 4, memoryGiB: 8 },
    { name: "mysql.n2.xlarge.2c", vcpu: 8, memoryGiB: 16 },
  ],
  Basic: [{ name: "mysql.n2.medium.1", vcpu: 2, memoryGiB: 4 }],
};

/** The ECS instance type for a documented host size (e.g. 1 vCPU / 4 GiB -> ecs.c7.large, next larger). */
export function ecsInstanceType(size: Pick<HostSize, "vcpu" | "memoryGiB">): FlavorChoice {
  return smallestCovering(ECS_INSTANCE_TYPES, size, "ECS instance type in ECS_INSTANCE_TYPES");
}

/** The RDS class for a documented database size in a series (e.g. 1 vCPU / 4 GiB, HA -> mysql.n2.medium.2c, next larger). */
export function rdsInstanceClass(size: Pick<DatabaseSize, "vcpu" | "memoryGiB">, category: RdsCategory = "HighAvailability"): FlavorChoice {
  return smallestCovering(RDS_INSTANCE_CLASSES[category], size, `RDS ${category} class in RDS_INSTANCE_CLASSES`);
}
