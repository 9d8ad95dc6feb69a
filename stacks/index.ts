/** The Pulumi program (`main` in Pulumi.yaml): see ./program.ts. */
import { tenantryProgram } from "./program.js";

const outputs = await tenantryProgram();

/** Per tenant: on a built cloud, what was created (hosts, databases, storage); otherwise the cloud-neutral plan. */
export const tenants = outputs.tenants;

/** The fleet-wide values (alarm topic or contact group) that tenant stacks read through a StackReference. */
export const fleet = outputs.fleet;
