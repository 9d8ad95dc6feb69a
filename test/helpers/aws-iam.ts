/**
 * The AWS side of the isolation proof: every IAM principal a stack run registers (users, roles;
 * instance profiles through their roles) with the policy documents attached to it, every tenant
 * resource a principal could touch (with its ARN, tags and resource policy), and a decision by
 * `@cloud-copilot/iam-simulate`, a real IAM policy evaluator.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { MOCK_REGION, type RecordedResource } from "../../plan/mock-run.js";
import { tenantLogGroupPrefix, tenantMetricNamespace, tenantParameterPath } from "../../components/core/index.js";
import { tenantOf } from "./stacks.js";

export interface AwsPrincipal {
  readonly tenant: string;
  readonly kind: "user" | "role";
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  /** Identity policies: customer-managed (attached) and inline. */
  readonly policies: { name: string; policy: Record<string, unknown> }[];
  /** AWS-managed policy ARNs attached (the proof needs their documents: none may remain). */
  readonly managed: string[];
}

export type TargetKind = "object" | "bucket" | "key" | "instance" | "database" | "alarm" | "log-group" | "parameter" | "secret" | "metrics" | "unscopable";

export interface AwsTarget {
  readonly tenant: string;
  readonly kind: TargetKind;
  /** The resource ARN, or `*` for calls that name none. */
  readonly arn: string;
  readonly account: string;
  readonly resourcePolicy?: Record<string, unknown>;
  /** Request context that the resource brings (its tags, the metric namespace). */
  readonly context: Record<string, string>;
}

/** The sensitive actions on each kind of resource (issue 10: read/write/delete, decrypt, describe/modify/stop, alarms/metrics, parameters/secrets). */
export const SENSITIVE_ACTIONS: Readonly<Record<TargetKind, readonly string[]>> = {
  object: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
  bucket: ["s3:ListBucket", "s3:PutBucketPolicy"],
  key: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion"],
  instance: ["ec2:StopInstances", "ec2:TerminateInstances", "ec2:ModifyInstanceAttribute"],
  database: ["rds:DescribeDBInstances", "rds:ModifyDBInstance", "rds:StopDBInstance", "rds:DownloadDBLogFilePortion"],
  alarm: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory", "cloudwatch:DisableAlarmActions"],
  "log-group": ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:PutLogEvents"],
  parameter: ["ssm:GetParameter", "ssm:GetParameters", "ssm:PutParameter"],
  secret: ["secretsmanager:GetSecretValue"],
  metrics: ["cloudwatch:PutMetricData"],
  unscopable: ["ec2:DescribeInstances", "ec2:DescribeVolumes", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"],
};

const of = (resources: readonly RecordedResource[], type: string) => resources.filter((r) => r.type === type);
const accountOf = (arn: string) => arn.split(":")[4] ?? "";
const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));

/** Every IAM user and role of a tenant, with the documents of everything attached to it. */
export function awsPrincipals(resources: readonly RecordedResource[]): AwsPrincipal[] {
  const policyByArn = new Map(of(resources, "aws:iam/policy:Policy").map((p) => [String(p.outputs.arn), json(p.inputs.policy)]));
  const principals: AwsPrincipal[] = [];
  const collect = (kind: "user" | "role", r: RecordedResource) => {
    const name = String(r.outputs.name ?? r.name);
    const keys = new Set([name, `${r.name}-id`]);
    const attachType = kind === "user" ? "aws:iam/userPolicyAttachment:UserPolicyAttachment" : "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    const inlineType = kind === "user" ? "aws:iam/userPolicy:UserPolicy" : "aws:iam/rolePolicy:RolePolicy";
    const attached = of(resources, attachType).filter((a) => keys.has(String(a.inputs[kind])));
    const policies = attached.flatMap((a) => {
      const doc = policyByArn.get(String(a.inputs.policyArn));
      return doc ? [{ name: a.name, policy: doc }] : [];
    });
    const managed = attached.map((a) => String(a.inputs.policyArn)).filter((arn) => !policyByArn.has(arn));
    for (const p of of(resources, inlineType).filter((p) => keys.has(String(p.inputs[kind])))) policies.push({ name: p.name, policy: json(p.inputs.policy) });
    const arn = String(r.outputs.arn);
    principals.push({ tenant: tenantOf(r) ?? "", kind, name: r.name, arn, account: accountOf(arn), policies, managed });
  };
  for (const u of of(resources, "aws:iam/user:User")) collect("user", u);
  for (const r of of(resources, "aws:iam/role:Role")) collect("role", r);
  return principals;
}

/** AWS's default key policy: the account, and through it IAM policies, governs the key. */
const defaultKeyPolicy = (account: string) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
});

/** Every tenant resource a principal might reach, plus each tenant's parameter, secret, metric namespace and the unscopable reads in its account. */
export function awsTargets(resources: readonly RecordedResource[], stack: string): AwsTarget[] {
  const targets: AwsTarget[] = [];
  const tagged = (r: RecordedResource, kind: TargetKind, arn: string, resourcePolicy?: Record<string, unknown>) => {
    const tenant = tenantOf(r);
    if (!tenant) return;
    targets.push({ tenant, kind, arn, account: accountOf(arn) || accountOfTenant.get(tenant)!, context: { "aws:ResourceTag/tenantry:tenant": tenant }, ...(resourcePolicy ? { resourcePolicy } : {}) });
  };
  // A tenant's account: that of its resources with a regional ARN.
  const accountOfTenant = new Map<string, string>();
  for (const k of of(resources, "aws:kms/key:Key")) if (tenantOf(k)) accountOfTenant.set(tenantOf(k)!, accountOf(String(k.outputs.arn)));
  for (const i of of(resources, "aws:ec2/instance:Instance")) if (tenantOf(i)) accountOfTenant.set(tenantOf(i)!, accountOf(String(i.outputs.arn)));

  const policies = of(resources, "aws:s3/bucketPolicy:BucketPolicy");
  for (const b of of(resources, "aws:s3/bucket:Bucket")) {
    const policy = policies.find((p) => p.inputs.bucket === `${b.name}-id`);
    const doc = policy ? json(policy.inputs.policy) : undefined;
    tagged(b, "bucket", String(b.outputs.arn), doc);
    tagged(b, "object", `${String(b.outputs.arn)}/backup/file.dat`, doc);
  }
  for (const k of of(resources, "aws:kms/key:Key")) {
    const arn = String(k.outputs.arn);
    tagged(k, "key", arn, k.inputs.policy ? json(k.inputs.policy) : defaultKeyPolicy(accountOf(arn)));
  }
  for (const i of of(resources, "aws:ec2/instance:Instance")) tagged(i, "instance", String(i.outputs.arn));
  for (const d of of(resources, "aws:rds/instance:Instance")) tagged(d, "database", String(d.outputs.arn));
  for (const a of of(resources, "aws:cloudwatch/metricAlarm:MetricAlarm")) tagged(a, "alarm", String(a.outputs.arn));
  for (const g of of(resources, "aws:cloudwatch/logGroup:LogGroup")) tagged(g, "log-group", `${String(g.outputs.arn)}:log-stream:i-0123`);
  for (const [tenant, account] of accountOfTenant) {
    const arn = (service: string, resource: string) => `arn:aws:${service}:${MOCK_REGION}:${account}:${resource}`;
    const ctx = { "aws:ResourceTag/tenantry:tenant": tenant };
    targets.push({ tenant, kind: "parameter", arn: arn("ssm", `parameter${tenantParameterPath(stack, tenant)}/agent-config`), account, context: ctx });
    targets.push({ tenant, kind: "secret", arn: arn("secretsmanager", `secret:${tenantParameterPath(stack, tenant).slice(1)}/database-AbCdEf`), account, context: ctx });
    targets.push({ tenant, kind: "log-group", arn: arn("logs", `log-group:${tenantLogGroupPrefix(stack, tenant)}/agent:log-stream:i-0123`), account, context: ctx });
    targets.push({ tenant, kind: "metrics", arn: "*", account, context: { "cloudwatch:namespace": tenantMetricNamespace(tenant) } });
    targets.push({ tenant, kind: "unscopable", arn: "*", account, context: {} });
  }
  return targets;
}

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** What IAM decides for `who` doing `action` on `target`, over TLS, with the target's tags in the context. */
export async function decide(who: AwsPrincipal, action: string, target: AwsTarget, extra: Record<string, string> = {}): Promise<Decision> {
  const result = await runSimulation(
    {
      identityPolicies: who.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: target.resourcePolicy,
      request: {
        action,
        principal: who.arn,
        resource: { resource: target.arn, accountId: target.account },
        contextVariables: { "aws:SecureTransport": "true", "aws:ViaAWSService": "false", ...target.context, ...extra },
      },
    },
    {},
  );
  if (result.resultType === "error") throw new Error(`${who.name} ${action} ${target.arn}: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

export interface CrossTenantAllow {
  principal: string;
  tenant: string;
  action: string;
  target: string;
  owner: string;
}

/** Every principal x every other tenant's targets x the sensitive actions: the allows, and how many decisions were made. */
export async function crossTenantAllows(principals: readonly AwsPrincipal[], targets: readonly AwsTarget[]): Promise<{ allows: CrossTenantAllow[]; decisions: number }> {
  const allows: CrossTenantAllow[] = [];
  let decisions = 0;
  for (const p of principals) {
    for (const t of targets.filter((t) => t.tenant !== p.tenant)) {
      for (const action of SENSITIVE_ACTIONS[t.kind]) {
        decisions += 1;
        if ((await decide(p, action, t)) === "Allowed") allows.push({ principal: p.name, tenant: p.tenant, action, target: t.arn, owner: t.tenant });
      }
    }
  }
  return { allows, decisions };
}
