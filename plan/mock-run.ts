/**
 * Runs a Pulumi program in-process under Pulumi's mocks (no CLI, no cloud account) and records every
 * resource it registers: type, name, URN, parent, inputs (as the provider would receive them, with
 * secrets marked), dependencies, and the options that matter. Tests, the policy harness and
 * `tenantry plan` all read these records.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { SecretValue } from "../policies/harness.js";
import { mapIfChanged } from "../policies/copy-on-write.js";
import { lightenStructs, setPlanMocks } from "./plan-monitor.js";

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's name, or undefined for the stack's direct children. */
  readonly parent?: string;
  readonly parentUrn?: string;
  /** Whether a provider manages it (false for components). */
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  /** The outputs the mocks gave it (inputs plus made-up computed values). */
  readonly outputs: Record<string, unknown>;
  /** URNs of the resources it depends on, per input property. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly dependencies: readonly string[];
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
}

export { SecretValue };

/**
 * Replaces Pulumi's wire form of secrets (`{ <sig>: <secret sig>, value }`) with {@link SecretValue}.
 * Objects and arrays without a secret are kept as they are (nothing writes to recorded values).
 */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return mapIfChanged(value as unknown[], unwrapSecrets);
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return new SecretValue(unwrapSecrets(o.value));
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const v = unwrapSecrets(o[keys[i]!]);
      if (v !== o[keys[i]!] && !out) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]!] = o[keys[j]!];
      }
      if (out) out[keys[i]!] = v;
    }
    return out ?? value;
  }
  return value;
}

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "ap-southeast-1";
export const MOCK_AMI = "ami-0123456789abcdef0";
export const MOCK_ALICLOUD_REGION = "cn-hangzhou";
export const MOCK_ALICLOUD_ACCOUNT = "1234567890123456";
export const MOCK_HUAWEICLOUD_REGION = "cn-north-4";
export const MOCK_HUAWEICLOUD_DOMAIN = "0123456789abcdef0123456789abcdef";

/**
 * Outputs the real providers compute, made up consistently from the resource's name. AWS ARNs name
 * `account`: the account of the resource's provider (see {@link providerAccount}).
 */
function computed(type: string, name: string, inputs: Record<string, unknown>, account = MOCK_ACCOUNT): Record<string, unknown> {
  // Kubernetes objects come back as applied (the provider adds status, which nothing here reads).
  if (type.startsWith("kubernetes:") || type === "pulumi:providers:kubernetes") return {};
  const arn = (service: string, resource: string) => `arn:aws:${service}:${MOCK_REGION}:${account}:${resource}`;
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = `${name}-0000001`;
      return { bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case "aws:kms/key:Key":
      return { keyId: `key-${name}`, arn: arn("kms", `key/key-${name}`) };
    case "aws:iam/user:User":
      return { name: inputs.name ?? name, arn: `arn:aws:iam::${account}:user/${name}` };
    case "aws:iam/role:Role":
      return { name: inputs.name ?? name, arn: `arn:aws:iam::${account}:role/${name}` };
    case "aws:iam/policy:Policy":
      return { arn: `arn:aws:iam::${account}:policy/${name}` };
    case "aws:iam/accessKey:AccessKey":
      return { secret: `secret-of-${name}` };
    case "aws:ec2/instance:Instance":
      return { privateIp: "10.0.0.10", availabilityZone: `${MOCK_REGION}a`, arn: arn("ec2", `instance/${name}-id`) };
    case "aws:ec2/eip:Eip":
      return { publicIp: "203.0.113.10" };
    case "aws:rds/instance:Instance":
      return { identifier: name, endpoint: `${name}.mock.rds.amazonaws.com:3306`, address: `${name}.mock.rds.amazonaws.com`, port: 3306, arn: arn("rds", `db:${name}`) };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { name: inputs.name ?? name, arn: arn("cloudwatch", `alarm:${String(inputs.name ?? name)}`) };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { arn: arn("logs", `log-group:${String(inputs.name ?? name)}`), name: inputs.name ?? name };
    case "aws:sns/topic:Topic":
      return { arn: arn("sns", name), name };
    case "random:index/randomPassword:RandomPassword":
      return { result: `password-of-${name}`, bcryptHash: `hash-of-${name}` };
    case "random:index/randomString:RandomString":
      return { result: "abc123" };
    case "alicloud:oss/bucket:Bucket":
      return { bucket: `${name}-0000001` };
    case "alicloud:ram/accessKey:AccessKey":
      return { secret: `secret-of-${name}` };
    case "alicloud:ram/user:User":
      return { name: inputs.name ?? name };
    case "alicloud:ram/role:Role":
      return { arn: `acs:ram::${account === MOCK_ACCOUNT ? MOCK_ALICLOUD_ACCOUNT : account}:role/${String(inputs.roleName)}` };
    case "alicloud:ecs/instance:Instance":
      return { privateIp: "10.0.0.10", availabilityZone: `${MOCK_ALICLOUD_REGION}-i` };
    case "alicloud:ecs/eipAddress:EipAddress":
      return { ipAddress: "203.0.113.20" };
    case "alicloud:vpc/natGateway:NatGateway":
      return { snatTableIds: `stb-${name}` };
    case "alicloud:rds/instance:Instance":
      return { connectionString: `${name}.mysql.rds.aliyuncs.com` };
    case "huaweicloud:Obs/bucket:Bucket":
      return { bucketDomainName: `${String(inputs.bucket)}.obs.${MOCK_HUAWEICLOUD_REGION}.myhuaweicloud.com` };
    case "huaweicloud:Dew/key:Key":
      return { keyId: `${name}-id`, domainId: MOCK_HUAWEICLOUD_DOMAIN };
    case "huaweicloud:Iam/accessKey:AccessKey":
      return { secret: `secret-of-${name}` };
    case "huaweicloud:Ecs/instance:Instance":
      return { accessIpV4: "10.0.0.10", availabilityZone: inputs.availabilityZone ?? `${MOCK_HUAWEICLOUD_REGION}a`, systemDiskId: `${name}-system-disk` };
    case "huaweicloud:Vpc/eip:Eip":
      return { address: "203.0.113.30" };
    case "huaweicloud:Vpc/subnet:Subnet":
      return { ipv4SubnetId: `${name}-ipv4` };
    case "huaweicloud:Smn/topic:Topic":
      return { topicUrn: `urn:smn:${MOCK_HUAWEICLOUD_REGION}:${MOCK_HUAWEICLOUD_DOMAIN}:${String(inputs.name ?? name)}` };
    case "huaweicloud:Rds/instance:Instance":
      return { privateIps: ["10.0.0.20"] };
    default:
      if (type.startsWith("huaweicloud:")) return inputs.name === undefined ? {} : { name: inputs.name };
      return { arn: arn("mock", name), name: inputs.name ?? name };
  }
}

/**
 * The account an AWS provider works in: its `allowedAccountIds` (an `account`-isolation tenant's
 * provider sets it), else the mock account.
 */
function providerAccount(inputs: Record<string, unknown>): string | undefined {
  // Alibaba Cloud: the account of the role it assumes (`acs:ram::<account>:role/...`).
  let assume = inputs.assumeRole;
  if (typeof assume === "string") assume = JSON.parse(assume);
  const roleArn = (assume as { roleArn?: string } | undefined)?.roleArn;
  if (roleArn?.startsWith("acs:ram::")) return roleArn.split(":")[3];
  let allowed = inputs.allowedAccountIds;
  if (typeof allowed === "string") {
    try {
      allowed = JSON.parse(allowed);
    } catch {
      allowed = [allowed];
    }
  }
  return Array.isArray(allowed) && typeof allowed[0] === "string" ? allowed[0] : undefined;
}

/** An invoke's mock: the account and region are its explicit provider's (else the mock defaults). */
type Invoke = (args: Record<string, unknown>, account: string, region: string | undefined) => Record<string, unknown>;

const invokes: Record<string, Invoke> = {
  "aws:index/getCallerIdentity:getCallerIdentity": (_, account) => ({ accountId: account, arn: `arn:aws:iam::${account}:user/mock`, userId: "AIDAMOCK", id: account }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ["a", "b", "c"].map((z) => `${MOCK_REGION}${z}`) }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
  "aws:index/getRegion:getRegion": (_, __, region = MOCK_REGION) => ({ region, name: region }),
  "aws:ssm/getParameter:getParameter": (args) => ({ name: args.name, value: MOCK_AMI }),
  "alicloud:index/getZones:getZones": () => ({ ids: ["i", "j", "k"].map((z) => `${MOCK_ALICLOUD_REGION}-${z}`) }),
  "alicloud:index/getRegions:getRegions": (_, __, region = MOCK_ALICLOUD_REGION) => ({
    ids: [region],
    regions: [{ id: region, regionId: region, localName: region === MOCK_ALICLOUD_REGION ? "China (Hangzhou)" : region }],
  }),
  "alicloud:index/getAccount:getAccount": (_, account) => ({ id: account === MOCK_ACCOUNT ? MOCK_ALICLOUD_ACCOUNT : account }),
  "huaweicloud:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ["a", "b", "c"].map((z) => `${MOCK_HUAWEICLOUD_REGION}${z}`), region: MOCK_HUAWEICLOUD_REGION }),
  "huaweicloud:Iam/getRole:getRole": (args) => ({ id: `role-${String(args.displayName ?? args.name).toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, name: args.name ?? args.displayName, displayName: args.displayName ?? args.name }),
};

export interface MockRun<T> {
  readonly resources: RecordedResource[];
  readonly outputs: T;
}

/**
 * Runs `program` as a stack named `stack` with `config` (keys as in a stack file), and returns
 * what it registered and returned. Each call starts from fresh mocks.
 */
interface Registration {
  urn: string;
  parentUrn?: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  propertyDependencies: Record<string, string[]>;
  dependencies: string[];
}

type Options = Pick<RecordedResource, "type" | "name" | "parent" | "retainOnDelete" | "protect" | "ignoreChanges">;

/** Wraps the mock monitor's registerResource to keep what the engine would see: URN, parent, dependencies. */
function captureRegistrations(registrations: Map<string, Registration>, outputsOf: Map<string, Record<string, unknown>>): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: (err: unknown, res?: { getUrn(): string }) => void): unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    original(req, (err, res) => {
      if (res) {
        const key = `${req.getType()}::${req.getName()}`;
        const deps: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => (deps[k] = v.getUrnsList()));
        registrations.set(key, {
          urn: res.getUrn(),
          ...(req.getParent() ? { parentUrn: req.getParent() } : {}),
          custom: req.getCustom(),
          inputs: {},
          outputs: outputsOf.get(key) ?? {},
          propertyDependencies: deps,
          dependencies: req.getDependenciesList(),
        });
      }
      callback(err, res);
    });
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

/** The type of `pulumi.StackReference`: read from another stack's state, not registered. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

export interface MockOptions {
  /** Called as resources register (for a progress display). */
  readonly onResource?: (count: number) => void;
  /** The outputs of the stacks `pulumi.StackReference` reads, by stack name (as the reference names it). */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * The resource monitor: `"plan"` (default) is {@link PlanMonitor}, the SDK's mock monitor without
   * its protobuf round trip per resource (plan/plan-monitor.ts); `"sdk"` is the SDK's own
   * `MockMonitor` as `pulumi.runtime.setMocks` installs it (the bench's floors, the identity test).
   */
  readonly monitor?: "plan" | "sdk";
}

const sdkRequire = createRequire(import.meta.url);

/**
 * Two SDK costs that buy nothing under mocks, switched off for the run (and restored after): the
 * full stack trace every resource takes for its source position (`Resource.stackTrace`, which raises
 * `Error.stackTraceLimit` to infinity and parses the text), and the debugging wrapper around every
 * SDK promise (`debuggablePromise`: three properties, an `Error`, two chained promises and a set
 * entry, for a leak report at exit). The engine records the source position; mocks do not.
 */
function lightenSdk(): () => void {
  const resource = pulumi.Resource as unknown as { stackTrace: (skip?: number) => unknown[] };
  const debuggable = sdkRequire("@pulumi/pulumi/runtime/debuggable.js") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
  const stackTrace = resource.stackTrace;
  const debuggablePromise = debuggable.debuggablePromise;
  resource.stackTrace = () => [];
  debuggable.debuggablePromise = (p) => p;
  return () => {
    resource.stackTrace = stackTrace;
    debuggable.debuggablePromise = debuggablePromise;
  };
}

export async function runUnderMocks<T>(
  program: () => T | Promise<T>,
  config: Record<string, string> = {},
  stack = "test",
  mockOptions: MockOptions | ((count: number) => void) = {},
): Promise<MockRun<Awaited<T>>> {
  const { onResource, stackOutputs = {}, monitor = "plan" } = typeof mockOptions === "function" ? { onResource: mockOptions } : mockOptions;
  const inputsByUrnName = new Map<string, Record<string, unknown>>();
  const outputsByUrnName = new Map<string, Record<string, unknown>>();
  const registrations = new Map<string, Registration>();
  const options: Options[] = [];
  // Provider id (a provider reference is `urn::id`; mock ids are `<name>-id`) -> the account it works in.
  const accounts = new Map<string, string>();
  // A provider reference is "<urn>::<id>"; the mocks give each resource the id "<name>-id".
  const regions = new Map<string, string>();
  const regionOf = (provider: string | undefined) => (provider ? regions.get(provider.split("::").pop()!) : undefined);
  const accountOf = (provider: string | undefined) => (provider && accounts.get(provider.split("::").pop()!)) || MOCK_ACCOUNT;
  await (monitor === "plan" ? setPlanMocks : pulumi.runtime.setMocks)(
    {
      newResource: (args) => {
        if (args.type === STACK_REFERENCE_TYPE) {
          const name = String(args.inputs.name);
          const outputs = stackOutputs[name];
          if (!outputs) throw new Error(`no mock outputs for the stack reference ${name}`);
          return { id: name, state: { name, outputs, secretOutputNames: [] } };
        }
        const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
        inputsByUrnName.set(`${args.type}::${args.name}`, inputs);
        onResource?.(inputsByUrnName.size);
        if (args.type.startsWith("pulumi:providers:") && typeof inputs.region === "string") regions.set(`${args.name}-id`, inputs.region);
        if (args.type === "pulumi:providers:aws" || args.type === "pulumi:providers:alicloud") {
          const account = providerAccount(inputs);
          if (account) accounts.set(`${args.name}-id`, account);
        }
        const made = computed(args.type, args.name, inputs, accountOf(args.provider));
        outputsByUrnName.set(`${args.type}::${args.name}`, { ...inputs, ...made });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...made } };
      },
      call: (args) => {
        const invoke = invokes[args.token];
        if (!invoke) throw new Error(`no mock for invoke ${args.token}`);
        return invoke(args.inputs, accountOf(args.provider), regionOf(args.provider));
      },
    },
    "tenantry",
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(config);
  captureRegistrations(registrations, outputsByUrnName);
  // The SDK takes a stack trace for every resource and promise; with source maps on (tsx turns
  // them on) each one is mapped frame by frame, which costs more than everything else together.
  // Promises' debug stacks are never read under mocks: take none (the SDK raises the limit itself
  // where it needs a resource's source position).
  const sourceMaps = process.sourceMapsEnabled;
  const stackTraceLimit = Error.stackTraceLimit;
  process.setSourceMapsEnabled(false);
  Error.stackTraceLimit = 0;
  const restoreSdk = lightenSdk();
  const restoreStructs = monitor === "plan" ? lightenStructs() : () => {};
  let result: Awaited<T> | undefined;
  let failure: unknown;
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      options.push({
        type: args.type,
        name: args.name,
        ...(args.opts.parent ? { parent: (args.opts.parent as unknown as { __name?: string }).__name ?? "" } : {}),
        retainOnDelete: args.opts.retainOnDelete ?? false,
        protect: args.opts.protect ?? false,
        ignoreChanges: args.opts.ignoreChanges ?? [],
      });
      return undefined;
    });
    try {
      result = await program();
    } catch (error) {
      // Kept and rethrown once the run is over, so that the stack resource does not reject unhandled.
      failure = error;
    }
    return {};
  });
  await pulumi.runtime.disconnect();
  restoreStructs();
  restoreSdk();
  process.setSourceMapsEnabled(sourceMaps);
  Error.stackTraceLimit = stackTraceLimit;
  if (failure !== undefined) throw failure;
  const resources = options
    .filter((o) => o.type !== "pulumi:pulumi:Stack" && o.type !== STACK_REFERENCE_TYPE)
    .map((o): RecordedResource => {
      const key = `${o.type}::${o.name}`;
      const reg = registrations.get(key);
      if (!reg) throw new Error(`no registration recorded for ${key}`);
      const stackUrn = reg.parentUrn?.includes("::pulumi:pulumi:Stack::") ? undefined : reg.parentUrn;
      return {
        ...o,
        urn: reg.urn,
        ...(stackUrn ? { parentUrn: stackUrn } : {}),
        custom: reg.custom,
        inputs: inputsByUrnName.get(key) ?? {},
        outputs: outputsByUrnName.get(key) ?? {},
        propertyDependencies: reg.propertyDependencies,
        dependencies: reg.dependencies,
      };
    });
  return { resources, outputs: result as Awaited<T> };
}
