/**
 * Stack configuration keys that reach what the components accept (access-log and flow-log
 * retention, database identifiers, zones, enterprise projects), through the program as `pulumi up`
 * runs it; and the plan document describing the blueprints the stack rendered (its entry points
 * equal each rendered tenant's).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { runUnderMocks, type RecordedResource } from "../plan/mock-run.js";
import { finishPlan, planOrder, preparePlan, type PreparedPlan } from "../plan/run.js";
import type { PlanDocument } from "../plan/document.js";
import { readAlicloudStackConfig } from "../stacks/alicloud.js";
import { readKubernetesStackConfig } from "../stacks/kubernetes.js";
import { readAwsStackConfig } from "../stacks/aws.js";
import { readHuaweicloudStackConfig } from "../stacks/huaweicloud.js";
import { tenantryProgram } from "../stacks/program.js";
import { readStackFile } from "../stacks/stack-file.js";
import { demoBlueprints } from "./helpers/fleet.js";
import { runKubernetesStack } from "./helpers/stacks.js";

const AT = new Date("2026-06-15T00:00:00Z");
type Cloud = "aws" | "alicloud" | "huaweicloud" | "kubernetes";

interface Planned {
  prepared: PreparedPlan;
  resources: readonly RecordedResource[];
  tenants: Record<string, { entryPoints: Record<string, { listeners: string[]; hostName: string }> }>;
  doc: PlanDocument;
}

/** The demo configuration of `cloud` with `keys` over it. */
async function demoConfig(cloud: Cloud, keys: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const file = await readStackFile(`${cloud}-demo`);
  return { ...(JSON.parse(file[`tenantry:${cloud}`]!) as Record<string, unknown>), ...keys };
}

/** The plan of `cloud`'s demo with `keys` in its cloud configuration: the program as `pulumi up` runs it, and the document. */
async function planned(cloud: Cloud, keys: Record<string, unknown>): Promise<Planned> {
  const prepared = await preparePlan({ cloud, at: AT, config: { [`tenantry:${cloud}`]: JSON.stringify(await demoConfig(cloud, keys)) } });
  const run = await runUnderMocks(
    async () => {
      const outputs = await tenantryProgram({ at: AT });
      return new Promise<unknown>((resolve) => pulumi.output(outputs).apply(resolve));
    },
    prepared.config,
    prepared.stack,
  );
  const doc = await finishPlan(prepared, planOrder(run.resources, prepared.tenants.map((t) => t.id)));
  return { prepared, resources: run.resources, tenants: (run.outputs as { tenants: Planned["tenants"] }).tenants, doc };
}

const ofType = (p: Planned, type: string) => p.resources.filter((r) => r.type === type);
const named = (p: Planned, type: string, name: string) => {
  const found = ofType(p, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name}: ${ofType(p, type).map((r) => r.name).join(", ")}`);
  return found;
};

/** The plan document's entry points equal what each rendered tenant outputs (so both come from one blueprint). */
function expectDocumentEntryPointsRendered(p: Planned, clientListener: string) {
  for (const t of p.doc.tenants) {
    const rendered = p.tenants[t.id]!.entryPoints;
    expect(Object.keys(rendered), t.id).toEqual((t.entryPoints ?? []).map((e) => e.key));
    for (const e of t.entryPoints ?? []) expect(rendered[e.key]!.listeners, `${t.id} ${e.key}`).toEqual(e.listeners);
  }
  // The backup clients' entry point exists only with the stack's service parameters (anybackupClientPorts).
  const clients = p.doc.tenants.flatMap((t) => t.entryPoints ?? []).filter((e) => e.purpose === "backup-clients");
  expect(clients.length).toBeGreaterThan(0);
  for (const e of clients) expect(e.listeners).toContain(clientListener);
}

describe("aws: stack keys reach the resources, the document lists the rendered blueprints", () => {
  let p: Planned;
  beforeAll(async () => {
    p = await planned("aws", {
      accessLogRetentionDays: 90,
      databaseIdentifiers: { acme: "acme-anyshare-cloud-db-mysql-0a1b2c3" },
      flowLogRetentionDays: 30,
      databaseLogRetentionDays: 90,
      backupAccessLogRetentionDays: 400,
      availabilityZones: ["ap-southeast-1b", "ap-southeast-1c"],
    });
  });

  it("accessLogRetentionDays: the blueprints' access-log need and the entry-log buckets' expiry", () => {
    for (const bp of p.prepared.blueprints) expect(bp.entryLogs?.retentionDays, bp.tenant).toBe(90);
    for (const id of ["acme", "globex", "initech"]) {
      const lifecycle = named(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${id}-entry-logs-bucket-lifecycle`);
      expect((lifecycle.inputs.rules as { expiration: { days: number } }[])[0]!.expiration.days).toBe(90);
    }
  });

  it("databaseIdentifiers: acme's RDS instance keeps the given identifier, its log groups and their key follow it; initech keeps the default", () => {
    const acme = named(p, "aws:rds/instance:Instance", "acme-anyshare-cloud-db-mysql");
    expect(acme.inputs.identifier).toBe("acme-anyshare-cloud-db-mysql-0a1b2c3");
    expect(named(p, "aws:cloudwatch/logGroup:LogGroup", "acme-anyshare-cloud-db-error-logs").inputs.name).toBe("/aws/rds/instance/acme-anyshare-cloud-db-mysql-0a1b2c3/error");
    // The tenant's data key lets CloudWatch Logs encrypt that database's log groups (its encryption context names them).
    const keyPolicy = named(p, "aws:kms/key:Key", "acme-data-key").inputs.policy as string;
    expect(keyPolicy).toContain("log-group:/aws/rds/instance/acme-anyshare-cloud-db-mysql-0a1b2c3/*");
    expect(keyPolicy).not.toContain("aws-plan-acme-anyshare-cloud-db");
    expect(named(p, "aws:rds/instance:Instance", "initech-anyshare-cloud-db-mysql").inputs.identifier).toBe("aws-plan-initech-anyshare-cloud-db");
  });

  it("flowLogRetentionDays, databaseLogRetentionDays, backupAccessLogRetentionDays, availabilityZones", () => {
    for (const id of ["acme", "initech"]) for (const log of ["error", "slowquery"]) expect(named(p, "aws:cloudwatch/logGroup:LogGroup", `${id}-anyshare-cloud-db-${log}-logs`).inputs.retentionInDays).toBe(90);
    const flowLogs = ofType(p, "aws:cloudwatch/logGroup:LogGroup").filter((r) => r.name.endsWith("-network-flow-logs"));
    expect(flowLogs.map((r) => r.name).sort()).toEqual(["acme-network-flow-logs", "globex-network-flow-logs", "initech-network-flow-logs"]);
    for (const r of flowLogs) expect(r.inputs.retentionInDays, r.name).toBe(30);
    const backupLogs = ofType(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").filter((r) => /-anybackup-cloud-storage-logs?-lifecycle$/.test(r.name));
    expect(backupLogs.length).toBeGreaterThan(0);
    for (const r of backupLogs) expect((r.inputs.rules as { expiration: { days: number } }[])[0]!.expiration.days, r.name).toBe(400);
    const zones = new Set(ofType(p, "aws:ec2/subnet:Subnet").map((r) => r.inputs.availabilityZone));
    expect([...zones].sort()).toEqual(["ap-southeast-1b", "ap-southeast-1c"]);
  });

  it("the document's entry points are the rendered tenants' (with the stack's backup-client ports)", () => {
    expectDocumentEntryPointsRendered(p, "9801/tcp");
  });
});

describe("huaweicloud: stack keys reach the resources, the document lists the rendered blueprints", () => {
  const PROJECT = "0a1b2c3d-0000-4000-8000-0000000000ac";
  let p: Planned;
  beforeAll(async () => {
    p = await planned("huaweicloud", { accessLogRetentionDays: 30, flowLogRetentionDays: 60, databaseLogRetentionDays: 180, backupAccessLogRetentionDays: 200, enterpriseProjectIds: { acme: PROJECT } });
  });

  it("accessLogRetentionDays and flowLogRetentionDays: the LTS groups' ttl", () => {
    for (const bp of p.prepared.blueprints) expect(bp.entryLogs?.retentionDays, bp.tenant).toBe(30);
    const groups = ofType(p, "huaweicloud:Lts/group:Group");
    const entry = groups.filter((r) => r.name.endsWith("-entry-logs-group"));
    const flow = groups.filter((r) => r.name.endsWith("-network-flow-logs"));
    expect(entry.length).toBe(3);
    expect(flow.length).toBe(3);
    for (const r of entry) expect(r.inputs.ttlInDays, r.name).toBe(30);
    for (const r of flow) expect(r.inputs.ttlInDays, r.name).toBe(60);
  });

  it("databaseLogRetentionDays: the RDS SQL audit's keep days", () => {
    const audits = p.resources.filter((r) => r.custom && r.name.endsWith("-anyshare-cloud-db-sql-audit"));
    expect(audits.map((r) => r.name).sort()).toEqual(["acme-anyshare-cloud-db-sql-audit", "initech-anyshare-cloud-db-sql-audit"]);
    for (const r of audits) expect(r.inputs.keepDays, r.name).toBe(180);
  });

  it("backupAccessLogRetentionDays: the OBS access-log buckets' expiry", () => {
    const logBuckets = p.resources.filter((r) => JSON.stringify(r.inputs.lifecycleRules ?? []).includes('"expirations"'));
    expect(logBuckets.length).toBeGreaterThan(0);
    for (const r of logBuckets) expect((r.inputs.lifecycleRules as { expirations: { days: number }[] }[])[0]!.expirations[0]!.days, r.name).toBe(200);
  });

  it("enterpriseProjectIds: acme's resources go into the given project, which Tenantry does not create; the others get their own", () => {
    const projects = p.resources.filter((r) => r.name.endsWith("-project") && r.custom).map((r) => r.name);
    expect(projects.sort()).toEqual(["globex-project", "initech-project"]);
    const acme = p.resources.filter((r) => r.custom && r.name.startsWith("acme-") && r.inputs.enterpriseProjectId !== undefined);
    expect(acme.length).toBeGreaterThan(5);
    for (const r of acme) expect(r.inputs.enterpriseProjectId, r.name).toBe(PROJECT);
  });

  it("the document's entry points are the rendered tenants'", () => {
    expectDocumentEntryPointsRendered(p, "9801/tcp");
  });
});

describe("alicloud: stack keys reach the resources, the document lists the rendered blueprints", () => {
  let p: Planned;
  beforeAll(async () => {
    p = await planned("alicloud", { zoneIds: ["cn-hangzhou-h", "cn-hangzhou-i"], flowLogRetentionDays: 90, databaseLogRetentionDays: 1095 });
  });

  it("zoneIds, flowLogRetentionDays and databaseLogRetentionDays", () => {
    const databases = ofType(p, "alicloud:rds/instance:Instance");
    expect(databases.length).toBe(2);
    for (const r of databases) expect(r.inputs, r.name).toMatchObject({ sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 1095 });
    const zones = new Set(ofType(p, "alicloud:vpc/switch:Switch").map((r) => r.inputs.zoneId));
    expect([...zones].sort()).toEqual(["cn-hangzhou-h", "cn-hangzhou-i"]);
    const stores = ofType(p, "alicloud:log/store:Store").filter((r) => r.inputs.logstoreName === "vpc-flow-logs");
    expect(stores.length).toBe(3);
    for (const r of stores) expect(r.inputs.retentionPeriod, r.name).toBe(90);
  });

  it("the document's entry points are the rendered tenants'", () => {
    expectDocumentEntryPointsRendered(p, "9801/tcp");
  });
});

describe("kubernetes: images.<product>.mountPaths", () => {
  it("mounts the system and cache volumes where the image keeps its data; the default elsewhere", async () => {
    const images = (await demoConfig("kubernetes")).images as Record<string, Record<string, unknown>>;
    const given = { ...images, "anyshare-cloud": { ...images["anyshare-cloud"], mountPaths: { system: "/opt/anyshare/data", cache: "/opt/anyshare/cache" } } };
    const run = await runKubernetesStack(await demoBlueprints(), { images: given });
    const mounts = (name: string) => {
      const sts = run.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet" && r.name === name)!;
      const container = (sts.inputs as { spec: { template: { spec: { containers: { volumeMounts: { name: string; mountPath: string }[] }[] } } } }).spec.template.spec.containers[0]!;
      return Object.fromEntries(container.volumeMounts.filter((m) => m.name === "system" || m.name === "cache").map((m) => [m.name, m.mountPath]));
    };
    expect(mounts("acme-anyshare-cloud-statefulset")).toEqual({ system: "/opt/anyshare/data", cache: "/opt/anyshare/cache" });
    expect(mounts("acme-anybackup-cloud-statefulset")).toEqual({ system: "/data/system" });
  });
});

describe("bad values fail with the key, what was received and what is allowed, all at once", () => {
  it("kubernetes", async () => {
    const images = (await demoConfig("kubernetes")).images as Record<string, Record<string, unknown>>;
    const bad = await demoConfig("kubernetes", { images: { ...images, "anyshare-cloud": { ...images["anyshare-cloud"], mountPaths: { system: "data", cache: "/opt/../etc" } } } });
    const blueprints = await demoBlueprints();
    expect(() => readKubernetesStackConfig(bad, blueprints)).toThrow(
      [
        "invalid stack configuration:",
        'tenantry:kubernetes.images.anyshare-cloud.mountPaths.system: must be an absolute path such as /opt/anyshare/data (no . or .. segments) (got "data")',
        'tenantry:kubernetes.images.anyshare-cloud.mountPaths.cache: must be an absolute path such as /opt/anyshare/data (no . or .. segments) (got "/opt/../etc")',
      ].join("\n"),
    );
  });

  it("aws", async () => {
    const blueprints = await demoBlueprints();
    const bad = await demoConfig("aws", { accessLogRetentionDays: 0, flowLogRetentionDays: 100, databaseLogRetentionDays: 10, databaseIdentifiers: { acme: "Acme_DB" }, availabilityZones: ["ap-southeast"] });
    expect(() => readAwsStackConfig(bad, blueprints)).toThrow(
      [
        "invalid stack configuration:",
        "tenantry:aws.accessLogRetentionDays: must be at least 1 (got 0)",
        "tenantry:aws.databaseIdentifiers.acme: must be an RDS identifier: 1-63 lower-case letters, digits or single hyphens, starting with a letter (got \"Acme_DB\")",
        "tenantry:aws.flowLogRetentionDays: must be one of CloudWatch Logs' retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 100)",
        "tenantry:aws.databaseLogRetentionDays: must be one of CloudWatch Logs' retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 10)",
        "tenantry:aws.availabilityZones[0]: must be an availability zone name such as ap-southeast-1a (got \"ap-southeast\")",
      ].join("\n"),
    );
    const conflicting = await demoConfig("aws", { databaseIdentifiers: { acme: "old-db-1", initech: "old-db-1", globex: "old-db-2" }, availabilityZones: ["ap-southeast-1a"] });
    expect(() => readAwsStackConfig(conflicting, blueprints)).toThrow(
      [
        "invalid stack configuration:",
        "tenantry:aws.databaseIdentifiers.initech: is also acme's: RDS identifiers are unique per account and region (got \"old-db-1\")",
        "tenantry:aws.databaseIdentifiers.globex: names a tenant without a database (it runs no AnyShare): remove it (got \"old-db-2\")",
        "tenantry:aws.availabilityZones: must name 2 zones: a tenant's plan spans that many (got [\"ap-southeast-1a\"])",
      ].join("\n"),
    );
    // A tenant this stack does not build (another stack of the fleet) is not judged.
    expect(readAwsStackConfig(await demoConfig("aws", { databaseIdentifiers: { elsewhere: "elsewhere-db" } }), blueprints).databaseIdentifiers).toEqual({ elsewhere: "elsewhere-db" });
  });

  it("huaweicloud", async () => {
    const blueprints = await demoBlueprints();
    const file = await readStackFile("huaweicloud-demo");
    const bad = await demoConfig("huaweicloud", { accessLogRetentionDays: 400, flowLogRetentionDays: 366, databaseLogRetentionDays: 0, enterpriseProjectIds: { acme: "0" } });
    expect(() => readHuaweicloudStackConfig(bad, blueprints, file["huaweicloud:region"])).toThrow(
      [
        "invalid stack configuration:",
        "tenantry:huaweicloud.accessLogRetentionDays: must be at most 365: LTS keeps logs 1 to 365 days (got 400)",
        "tenantry:huaweicloud.flowLogRetentionDays: must be at most 365: LTS keeps logs 1 to 365 days (got 366)",
        "tenantry:huaweicloud.databaseLogRetentionDays: must be at least 1 (got 0)",
        "tenantry:huaweicloud.enterpriseProjectIds.acme: must be an enterprise project id (a UUID) (got \"0\")",
      ].join("\n"),
    );
    const shared = "0a1b2c3d-0000-4000-8000-000000000001";
    const sharing = await demoConfig("huaweicloud", { enterpriseProjectIds: { acme: shared, globex: shared } });
    expect(() => readHuaweicloudStackConfig(sharing, blueprints, file["huaweicloud:region"])).toThrow(
      `tenantry:huaweicloud.enterpriseProjectIds.globex: is also acme's: each tenant needs an enterprise project of its own (its ops server's credentials are granted in it) (got "${shared}")`,
    );
  });

  it("alicloud (whose load balancers have no access logs, so no accessLogRetentionDays)", async () => {
    const blueprints = await demoBlueprints();
    const bad = await demoConfig("alicloud", { zoneIds: ["cn-hangzhou-h"], flowLogRetentionDays: 4000, databaseLogRetentionDays: 0, accessLogRetentionDays: 30 });
    expect(() => readAlicloudStackConfig(bad, blueprints)).toThrow(
      [
        "invalid stack configuration:",
        "tenantry:alicloud.databaseLogRetentionDays: must be one of the SQL audit's periods: 30, 180, 365, 1095, 1825 (got 0)",
        "tenantry:alicloud.flowLogRetentionDays: must be at most 3650 (got 4000)",
        "tenantry:alicloud.accessLogRetentionDays: Unrecognized key: \"accessLogRetentionDays\" (got 30)",
      ].join("\n"),
    );
    const oneZone = await demoConfig("alicloud", { zoneIds: ["cn-hangzhou-h"] });
    expect(() => readAlicloudStackConfig(oneZone, blueprints)).toThrow(
      'tenantry:alicloud.zoneIds: must name 2 zones: a tenant\'s plan spans that many (got ["cn-hangzhou-h"])',
    );
  });
});
