/**
 * Huawei Cloud ECS flavours and RDS for MySQL flavours, from the instance-flavour reference
 * (docs/huaweicloud.md, "Flavours"): ECS general computing-plus `c7` (suffix `.2` = 1:2, `.4` = 1:4 GiB per
 * vCPU), with general computing `s6.medium.4` for the 1-vCPU size c7 lacks; RDS general-purpose `n1`
 * (single node as listed, primary/standby with `.ha`). Sizes are looked up with the core rule `smallestCovering`.
 */
import { smallestCovering, type DatabaseSize, type Flavor, type FlavorChoice, type HostSize } from "../core/index.js";

/** ECS flavours covering every documented host size (the reference's §2 Huawei column). */
export const ECS_FLAVORS: readonly Flavor[] = [
  { name: "s6.medium.4", vcpu: 1, memoryGiB: 4 },
  { name: "c7.large.2", vcpu: 2, memoryGiB: 4 },
  { name: "c7.large.4", vcpu: 2, memoryGiB: 8 },
  { name: "c7.xlarge.2", vcpu: 4, memoryGiB: 8 },
  { name: "c7.xlarge.4", vcpu: 4, memoryGiB: 16 },
  { name: "c7.2xlarge.2", vcpu: 8, memoryGiB: 16 },
  { name: "c7.2xlarge.4", vcpu: 8, memoryGiB: 32 },
  { name: "c7.4xlarge.2", vcpu: 16, memoryGiB: 32 },
  { name: "c7.4xlarge.4", vcpu: 16, memoryGiB: 64 },
];

export const RDS_MODES = ["single", "ha"] as const;
/** `single`: one node; `ha`: primary and standby in two zones (flavour suffix `.ha`). */
export type RdsMode = (typeof RDS_MODES)[number];

/**
 * RDS for MySQL general-purpose flavours (the reference's §3 Huawei column), as sold for a single
 * node. The international table starts at 2 vCPU: the documented 1-vCPU databases get `n1.large.2`.
 */
export const RDS_FLAVORS: readonly Flavor[] = [
  { name: "rds.mysql.n1.large.2", vcpu: 2, memoryGiB: 4 },
  { name: "rds.mysql.n1.large.4", vcpu: 2, memoryGiB: 8 },
  { name: "rds.mysql.n1.xlarge.2", vcpu: 4, memoryGiB: 8 },
  { name: "rds.mysql.n1.xlarge.4", vcpu: 4, memoryGiB: 16 },
  { name: "rds.mysql.n1.2xlarge.2", vcpu: 8, memoryGiB: 16 },
  { name: "rds.mysql.n1.2xlarge.4", vcpu: 8, memoryGiB: 32 },
];

/** The ECS flavour for a documented host size (e.g. 1 vCPU / 4 GiB -> s6.medium.4, exact). */
export function ecsFlavor(size: Pick<HostSize, "vcpu" | "memoryGiB">): FlavorChoice {
  return smallestCovering(ECS_FLAVORS, size, "ECS flavour in ECS_FLAVORS");
}

/** The RDS flavour for a documented database size (e.g. 1 vCPU / 4 GiB, ha -> rds.mysql.n1.large.2.ha, next larger). */
export function rdsFlavor(size: Pick<DatabaseSize, "vcpu" | "memoryGiB">, mode: RdsMode = "single"): FlavorChoice {
  const f = smallestCovering(RDS_FLAVORS, size, "RDS flavour in RDS_FLAVORS");
  return mode === "ha" ? { ...f, name: `${f.name}.ha` } : f;
}

/** The single-node flavour a spec code is made from (`….ha` and `….rr` are the same size). */
export function rdsBaseFlavor(specCode: string): string {
  return specCode.replace(/\.(ha|rr)$/, "");
}
