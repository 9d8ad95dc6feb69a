/** The `tenantry fleet` command line (see ./fleet.ts). */
import type { Command } from "commander";
import { OPERATIONS } from "../fleet/runner.js";
import { fleetCommand, type FleetCommandOptions } from "./fleet.js";

export function registerFleetCommand(program: Command): void {
  program
    .command("fleet")
    .description("run pulumi preview, up, refresh or destroy over a fleet stack and a stack per tenant, in parallel (Pulumi Automation API; needs the Pulumi CLI unless --dry-run)")
    .argument("<operation>", OPERATIONS.join(", "))
    .requiredOption("--stack <base>", "the base stack (stacks/Pulumi.<base>.yaml): its tenants and cloud configuration")
    .option("--tenants <ids>", "only these tenants or groups (comma-separated); the fleet stack is then left out unless --with-fleet")
    .option("--with-fleet", "with --tenants, run the fleet stack too")
    .option("--groups <file.yaml>", "named groups of tenants that share a stack: { <group>: [<tenant>, ...] }")
    .option("--concurrency <n>", "stacks run at once", "4")
    .option("--org <org>", "qualify stack names as <org>/tenantry/<stack> (a Pulumi Cloud org; 'organization' on a DIY backend)")
    .option("--dry-run", "show the stacks and configuration it would run, and run nothing")
    .option("--report <file.json>", "write the per-stack results as JSON")
    .option("--policy-pack <dir...>", "policy packs to run with preview and up")
    .action(async (operation: string, options: FleetCommandOptions) => {
      process.exitCode = await fleetCommand(operation, options, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    });
}
