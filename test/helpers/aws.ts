/** Running the AWS stack under mocks with the aws-demo configuration. */
import { readAwsStackConfig, awsStack } from "../../stacks/aws.js";
import { readStackFile } from "../../stacks/stack-file.js";
import * as pulumi from "@pulumi/pulumi";
import type { TenantBlueprint } from "../../components/core/index.js";
import { runUnderMocks, type RecordedResource } from "./mocks.js";

export async function runAwsStack(blueprints: readonly TenantBlueprint[], overrides: Record<string, unknown> = {}) {
  const config = await readStackFile("aws-demo");
  const aws = { ...(JSON.parse(config["tenantry:aws"]!) as Record<string, unknown>), ...overrides };
  return runUnderMocks(() => awsStack(blueprints, readAwsStackConfig(aws, blueprints)), { ...config, "tenantry:aws": JSON.stringify(aws) }, "aws-demo");
}

export const ofType = (resources: readonly RecordedResource[], type: string) => resources.filter((r) => r.type === type);

export function named(resources: readonly RecordedResource[], type: string, name: string): RecordedResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have: ${ofType(resources, type).map((r) => r.name).join(", ")}`);
  return found;
}

/** The tenant a resource belongs to, from its tags (undefined for shared resources and components). */
export function tenantOf(r: RecordedResource): string | undefined {
  return (r.inputs.tags as Record<string, string> | undefined)?.["tenantry:tenant"];
}

/** Resolves a Pulumi output (or plain value) to its value and whether it is secret. */
export async function resolve<T>(value: unknown): Promise<{ value: T; secret: boolean }> {
  const o = pulumi.output(value as pulumi.Input<string>) as unknown as pulumi.Output<T>;
  const v = await new Promise<T>((r) => o.apply((x) => r(x as T)));
  return { value: v, secret: await pulumi.isSecret(o) };
}
