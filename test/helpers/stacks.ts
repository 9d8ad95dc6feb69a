/** Running the cloud stacks under mocks with their demo configuration, and reading what they registered. */
import { alicloudStack, readAlicloudStackConfig } from "../../stacks/alicloud.js";
import { readAwsStackConfig, awsStack } from "../../stacks/aws.js";
import { kubernetesStack, readKubernetesStackConfig } from "../../stacks/kubernetes.js";
import { huaweicloudStack, readHuaweicloudStackConfig } from "../../stacks/huaweicloud.js";
import { readStackFile } from "../../stacks/stack-file.js";
import * as pulumi from "@pulumi/pulumi";
import type { TenantBlueprint } from "../../components/core/index.js";
import { runUnderMocks, type RecordedResource } from "../../plan/mock-run.js";

async function runDemoStack<T>(cloud: "aws" | "alicloud" | "kubernetes" | "huaweicloud", build: (config: unknown, file: Record<string, string>) => T, overrides: Record<string, unknown>) {
  const stack = `${cloud}-demo`;
  const file = await readStackFile(stack);
  const config = { ...(JSON.parse(file[`tenantry:${cloud}`]!) as Record<string, unknown>), ...overrides };
  return runUnderMocks(() => build(config, file), { ...file, [`tenantry:${cloud}`]: JSON.stringify(config) }, stack);
}

/** The AWS stack over `blueprints`, with the aws-demo configuration (plus `overrides`). */
export function runAwsStack(blueprints: readonly TenantBlueprint[], overrides: Record<string, unknown> = {}) {
  return runDemoStack("aws", (c) => awsStack(blueprints, readAwsStackConfig(c, blueprints)), overrides);
}

/** The Alibaba Cloud stack over `blueprints`, with the alicloud-demo configuration (plus `overrides`). */
export function runAlicloudStack(blueprints: readonly TenantBlueprint[], overrides: Record<string, unknown> = {}) {
  return runDemoStack("alicloud", (c) => alicloudStack(blueprints, readAlicloudStackConfig(c, blueprints)), overrides);
}

/** The Kubernetes stack over `blueprints`, with the kubernetes-demo configuration (plus `overrides`). */
export function runKubernetesStack(blueprints: readonly TenantBlueprint[], overrides: Record<string, unknown> = {}) {
  return runDemoStack("kubernetes", (c) => kubernetesStack(blueprints, readKubernetesStackConfig(c, blueprints)), overrides);
}

/** The Huawei Cloud stack over `blueprints`, with the huaweicloud-demo configuration (plus `overrides`). */
export function runHuaweicloudStack(blueprints: readonly TenantBlueprint[], overrides: Record<string, unknown> = {}) {
  return runDemoStack("huaweicloud", (c, file) => huaweicloudStack(blueprints, readHuaweicloudStackConfig(c, blueprints, file["huaweicloud:region"])), overrides);
}

/** Resources of one tenant: its component and everything named after it. */
export const ofTenant = (resources: readonly RecordedResource[], id: string) => resources.filter((r) => r.name === id || r.name.startsWith(`${id}-`));

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

/** Every resource of the given tenants, by type and name, with its inputs: for comparing two runs. */
export function snapshot(resources: readonly RecordedResource[], ids: readonly string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(resources.filter((r) => ids.some((id) => r.name === id || r.name.startsWith(`${id}-`))).map((r) => [`${r.type}::${r.name}`, r.inputs]));
}
