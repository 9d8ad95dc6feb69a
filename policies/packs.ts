/** Tenantry's policy packs, as definitions (each pack's index.ts turns one into a running PolicyPack). */
import type { PackDefinition } from "./framework.js";
import { LICENCE_RULES } from "./rules/licence.js";
import { QUOTA_RULES } from "./rules/quota.js";
import { SECURITY_RULES } from "./rules/security.js";
import { WORKLOAD_RULES } from "./rules/workloads.js";

export const POLICY_PACK_VERSION = "0.1.0";

export const licencePack: PackDefinition = {
  name: "tenantry-licence",
  version: POLICY_PACK_VERSION,
  description: "Licences (validity, users, capacity) and the documented sizes they entitle a tenant to",
  rules: LICENCE_RULES,
};

export const quotaPack: PackDefinition = {
  name: "tenantry-quota",
  version: POLICY_PACK_VERSION,
  description: "Per-tenant and per-stack quotas, and the managed-operations monitor quotas",
  rules: QUOTA_RULES,
};

export const securityPack: PackDefinition = {
  name: "tenantry-security",
  version: POLICY_PACK_VERSION,
  description: "Private, encrypted, isolated tenants: storage, disks, databases, ports, metadata, tags, retention",
  rules: [...SECURITY_RULES, ...WORKLOAD_RULES],
};

export const PACKS: readonly PackDefinition[] = [licencePack, quotaPack, securityPack];
