#!/usr/bin/env node
/**
 * The `tenantry` command. Exit codes: 0 success, 1 the input has problems, 2 the command line is wrong.
 */
import { Command, CommanderError } from "commander";
import { validate } from "./validate.js";

const program = new Command("tenantry")
  .description("Tenantry: one dedicated, isolated service instance per tenant, on any cloud")
  .exitOverride();

program
  .command("validate")
  .description("check tenant manifests (files or directories of .yaml files) and the fleet-wide rules")
  .argument("<paths...>", "tenant manifest files or directories")
  .action(async (paths: string[]) => {
    const result = await validate(paths);
    for (const line of result.lines) console.log(line);
    process.exitCode = result.exitCode;
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors (already printed by commander) exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
