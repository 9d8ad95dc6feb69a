/** The Pulumi program (`main` in Pulumi.yaml): see ./program.ts. */
import { tenantryProgram } from "./program.js";

/** Per tenant: on a built cloud, what was created (hosts, databases, storage); otherwise the cloud-neutral plan. */
export const tenants = await tenantryProgram();
