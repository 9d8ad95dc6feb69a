/**
 * Using Tenantry's core as a library: validate a manifest held in memory and read what the
 * tenant needs. In your own project, import from "tenantry/core" instead of the relative path.
 *
 *   npx tsx examples/library/size-a-tenant.ts
 */
import { formatProblem, licenceStatus, parseTenant, tenantBlueprint } from "../../components/core/index.js";

const result = parseTenant({
  id: "example",
  name: "Example Co",
  contact: "ops@example.com",
  network: { cidr: "10.40.0.0/20" },
  services: [{ product: "anyshare-cloud", licence: { id: "as_example_1", users: 300, start: "2026-01-01", end: "2027-01-01" } }],
});
if (!result.ok) {
  console.error(result.problems.map(formatProblem).join("\n"));
  process.exit(1);
}

const blueprint = tenantBlueprint(result.tenant);
for (const host of blueprint.hosts) {
  console.log(`${host.key}: ${host.size.vcpu} vCPU / ${host.size.memoryGiB} GiB (${host.source.table}, ${host.source.row})`);
}
for (const service of blueprint.services) {
  if (service.licence) console.log(`${service.licence.id}: ${licenceStatus(service.licence, new Date())}`);
}
