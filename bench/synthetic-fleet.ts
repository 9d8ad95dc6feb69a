/** Synthetic fleets for the bench and the sharding test: `n` tenants with every product. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ANYSHARE_TIERS } from "../components/core/index.js";

/** A fleet of `n` tenants with every product, in a new directory. */
export function writeFleet(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `tenantry-bench-${n}-`));
  for (let i = 0; i < n; i++) {
    const users = ANYSHARE_TIERS[i % ANYSHARE_TIERS.length]!.users;
    writeFileSync(
      join(dir, `t${i}.yaml`),
      [
        `id: t${i}`,
        `name: Tenant ${i}`,
        `contact: ops@t${i}.example`,
        `network: { cidr: 10.${100 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20 }`,
        "services:",
        "  - product: anyshare-cloud",
        `    licence: { id: as_t${i}_1, users: ${users}, start: 2026-01-01, end: 2027-01-01 }`,
        "  - product: anybackup-cloud",
        `    licence: { id: ab_t${i}_1, capacityTb: ${(i % 120) + 1}, start: 2026-01-01, end: 2027-01-01 }`,
        `    deduplication: ${i % 2 === 0}`,
        "  - product: ops-server",
        "",
      ].join("\n"),
    );
  }
  return dir;
}

