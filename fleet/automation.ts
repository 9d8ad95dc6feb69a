/**
 * The fleet runner's workspace on Pulumi's Automation API: each stack is selected or created in the
 * project directory (`LocalWorkspace.createOrSelectStack`), its configuration set (`setAllConfig`),
 * and the operation run by the Pulumi CLI, which must be installed and logged in to a backend.
 * Loaded only when the runner really runs (not for --dry-run, nor in tests).
 */
import { LocalWorkspace, type ConfigMap, type OpMap, type Stack } from "@pulumi/pulumi/automation/index.js";
import type { Changes, FleetOperation, FleetStackHandle, FleetWorkspace } from "./runner.js";

export interface AutomationOptions {
  /** The project directory (holding Pulumi.yaml). */
  readonly workDir: string;
  /** Policy packs to run with preview and up (directories, as `pulumi preview --policy-pack`). */
  readonly policyPacks?: readonly string[];
}

/** Every value as a plain (non-secret) config value; objects stay JSON, which `Config.getObject` reads. */
export function configMap(config: Readonly<Record<string, string>>): ConfigMap {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, { value, secret: false }]));
}

async function run(stack: Stack, operation: FleetOperation, onOutput: (text: string) => void, policyPacks: string[]): Promise<Changes> {
  const common = { onOutput, color: "never" as const };
  const counts = (ops: OpMap | undefined): Changes => ({ ...(ops ?? {}) }) as Changes;
  switch (operation) {
    case "preview":
      return counts((await stack.preview({ ...common, policyPacks })).changeSummary);
    case "up":
      return counts((await stack.up({ ...common, policyPacks })).summary.resourceChanges);
    case "refresh":
      return counts((await stack.refresh(common)).summary.resourceChanges);
    case "destroy":
      return counts((await stack.destroy(common)).summary.resourceChanges);
  }
}

export function automationWorkspace(options: AutomationOptions): FleetWorkspace {
  const policyPacks = [...(options.policyPacks ?? [])];
  return {
    async stack(name, config): Promise<FleetStackHandle> {
      const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: options.workDir });
      await stack.setAllConfig(configMap(config));
      return { run: (operation, onOutput) => run(stack, operation, onOutput, policyPacks) };
    },
  };
}
