/** The aws-demo stack's entry points, agents, alarms, probes and ops-server monitoring, under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MIDDLEWARE_RULES, TAG_KEYS } from "../../components/core/index.js";
import { ELB_LOG_DELIVERY_SERVICE, TLS_POLICY, VENDED_LOG_DELIVERY_SERVICE, elbLogWriters } from "../../components/aws/index.js";
import { runPolicyPacks } from "../../policies/harness.js";
import { PACKS } from "../helpers/policies.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType, runAwsStack } from "../helpers/stacks.js";
import { SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";

let demo: MockRun<unknown>;
beforeAll(async () => {
  demo = await runAwsStack(await demoBlueprints());
});
const of = (type: string, prefix: string) => ofType(demo.resources, type).filter((r) => r.name.startsWith(prefix));
// The mocks write every ARN in the stack's region; the us-east-1 topics are the `probe-alarms-*` ones.
const topic = (severity: string, region = "ap-southeast-1") => `arn:aws:sns:ap-southeast-1:123456789012:${region === "us-east-1" ? "probe-" : ""}alarms-${severity}-topic`;

describe("entry points", () => {
  it("AnyShare web and AnyBackup console: an ALB each, 443 with the ACM certificate to the back end, 80 redirecting", () => {
    for (const key of ["anyshare-cloud-web", "anybackup-cloud-web"]) {
      const lb = named(demo.resources, "aws:lb/loadBalancer:LoadBalancer", `acme-entry-${key}-lb`);
      expect(lb.inputs).toMatchObject({ loadBalancerType: "application", internal: false, subnets: ["acme-network-public-0-id", "acme-network-public-1-id"], securityGroups: ["acme-network-entry-sg-id"] });
      expect(named(demo.resources, "aws:lb/listener:Listener", `acme-entry-${key}-443`).inputs).toMatchObject({
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: "arn:aws:acm:ap-southeast-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
      });
      expect(named(demo.resources, "aws:lb/listener:Listener", `acme-entry-${key}-80`).inputs.defaultActions).toEqual([
        { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } },
      ]);
      expect(named(demo.resources, "aws:lb/targetGroup:TargetGroup", `acme-entry-${key}-443-targets`).inputs).toMatchObject({ port: 80, protocol: "HTTP" });
    }
  });

  it("reports the documented AnyShare bandwidth of the tier (AWS does not meter it) and gives DNS names", () => {
    const lb = named(demo.resources, "aws:lb/loadBalancer:LoadBalancer", "acme-entry-anyshare-cloud-web-lb");
    expect((lb.inputs.tags as Record<string, string>)[TAG_KEYS.bandwidthMbps]).toBe("5");
    expect(named(demo.resources, "aws:lb/loadBalancer:LoadBalancer", "initech-entry-anyshare-cloud-web-lb").inputs.tags).toMatchObject({ [TAG_KEYS.bandwidthMbps]: "15" });
    expect(named(demo.resources, "aws:route53/record:Record", "acme-entry-anyshare-cloud-web-dns").inputs).toMatchObject({
      zoneId: "Z0000000000000000DEMO",
      name: "share-acme.tenants.example.com",
      type: "A",
    });
  });

  it("backup clients through an NLB, one TCP listener per configured port", () => {
    const listeners = of("aws:lb/listener:Listener", "acme-entry-anybackup-cloud-clients-");
    expect(listeners.map((l) => [l.inputs.port, l.inputs.protocol])).toEqual([[9801, "TCP"], [9802, "TCP"]]);
    expect(named(demo.resources, "aws:lb/loadBalancer:LoadBalancer", "acme-entry-anybackup-cloud-clients-lb").inputs.loadBalancerType).toBe("network");
  });

  it("every load balancer writes access logs under elb/<entry point>/ into its tenant's load-balancer log bucket, once the bucket policy lets it", () => {
    const lbs = ofType(demo.resources, "aws:lb/loadBalancer:LoadBalancer");
    expect(lbs.length).toBe(6);
    for (const lb of lbs) {
      const tenant = lb.name.split("-")[0]!;
      const key = lb.name.slice(`${tenant}-entry-`.length, -"-lb".length);
      const bucket = named(demo.resources, "aws:s3/bucket:Bucket", `${tenant}-entry-logs-bucket`);
      expect(lb.inputs.accessLogs, lb.name).toEqual({ enabled: true, bucket: bucket.outputs.bucket, prefix: `elb/${key}` });
      expect(lb.dependencies, lb.name).toContain(named(demo.resources, "aws:s3/bucketPolicy:BucketPolicy", `${tenant}-entry-logs-bucket-policy`).urn);
    }
  });

  it("the load-balancer log bucket: SSE-S3 (all ELB log delivery takes), private, versioned, logs kept 365 days, retained, tenant-tagged; only ELB log delivery may write, only over TLS", () => {
    const bucket = named(demo.resources, "aws:s3/bucket:Bucket", "globex-entry-logs-bucket");
    expect(bucket.retainOnDelete).toBe(true);
    expect(bucket.inputs.tags).toMatchObject({ [TAG_KEYS.tenant]: "globex", [TAG_KEYS.retainOnDelete]: "true" });
    const part = (type: string, suffix: string) => named(demo.resources, type, `globex-entry-logs-bucket-${suffix}`);
    expect(part("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption").inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    expect(part("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "public-access").inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(part("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lifecycle").inputs.rules).toMatchObject([{ status: "Enabled", expiration: { days: 365 } }]);
    const policy = JSON.parse(String(part("aws:s3/bucketPolicy:BucketPolicy", "policy").inputs.policy)) as { Statement: { Effect: string; Principal: unknown; Action: string; Resource: string | string[] }[] };
    expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*" });
    const allows = policy.Statement.filter((st) => st.Effect === "Allow");
    // ap-southeast-1 opened before August 2022: its ELB account, besides the service principal.
    expect(allows.map((st) => st.Principal)).toEqual([
      { Service: ELB_LOG_DELIVERY_SERVICE },
      { AWS: "arn:aws:iam::114774131450:root" },
      { Service: VENDED_LOG_DELIVERY_SERVICE },
      { Service: VENDED_LOG_DELIVERY_SERVICE },
    ]);
    for (const st of allows.filter((a) => a.Action === "s3:PutObject")) expect(st.Resource).toMatch(/^arn:aws:s3:::.+\/elb\/\*\/AWSLogs\/123456789012\/\*$/);
  });

  it("ELB log writers: the region's ELB account where AWS documents one (before August 2022), the service principal everywhere", () => {
    expect(elbLogWriters("us-east-1", "aws")).toEqual([{ Service: ELB_LOG_DELIVERY_SERVICE }, { AWS: "arn:aws:iam::127311923021:root" }]);
    expect(elbLogWriters("cn-north-1", "aws-cn")).toEqual([{ Service: ELB_LOG_DELIVERY_SERVICE }, { AWS: "arn:aws-cn:iam::638102146993:root" }]);
    expect(elbLogWriters("ap-southeast-5", "aws")).toEqual([{ Service: ELB_LOG_DELIVERY_SERVICE }]);
  });

  it("security groups: only the entry group is open to the world, and only on 443 and 80", () => {
    const rules = of("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "acme-");
    const world = rules.filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0");
    expect(world.map((r) => [r.inputs.securityGroupId, r.inputs.fromPort]).sort()).toEqual([
      ["acme-network-entry-sg-id", 443],
      ["acme-network-entry-sg-id", 80],
      ["acme-network-entry-sg-id", 9801],
      ["acme-network-entry-sg-id", 9802],
    ].sort());
    expect(named(demo.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "acme-network-web-80-from-entry").inputs).toMatchObject({ referencedSecurityGroupId: "acme-network-entry-sg-id" });
    expect(named(demo.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "acme-network-data-3306-from-ops").inputs).toMatchObject({ securityGroupId: "acme-network-data-sg-id", referencedSecurityGroupId: "acme-network-ops-sg-id" });
  });
});

describe("agents", () => {
  it("every host installs node_exporter and the CloudWatch agent at first boot, configured for its middleware", () => {
    const hosts = ofType(demo.resources, "aws:ec2/instance:Instance");
    expect(hosts).toHaveLength(6);
    for (const h of hosts) {
      const raw = h.inputs.userData instanceof SecretValue ? String(h.inputs.userData.value) : String(h.inputs.userData);
      const doc = parse(raw) as { write_files: { path: string; content: string }[]; runcmd: string[] };
      expect(doc.runcmd.join("\n"), h.name).toContain("amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s");
      expect(doc.runcmd.join("\n"), h.name).toContain("systemctl enable --now node_exporter");
    }
    const share = parse(String(named(demo.resources, "aws:ec2/instance:Instance", "acme-anyshare-cloud-instance").inputs.userData)) as { write_files: { path: string; content: string }[] };
    const scrape = parse(share.write_files.find((f) => f.path.endsWith("tenantry-prometheus.yaml"))!.content) as { scrape_configs: { job_name: string }[] };
    expect(scrape.scrape_configs.map((j) => j.job_name)).toEqual(["node", "tomcat", "zookeeper"]);
  });
});

describe("alarms and probes", () => {
  it("middleware: every documented rule on the hosts that run it, tagged with its monitor and severity", () => {
    const alarms = of("aws:cloudwatch/metricAlarm:MetricAlarm", "acme-anyshare-cloud-middleware-alarms-");
    expect(alarms.map((a) => [a.name.replace("acme-anyshare-cloud-middleware-alarms-", ""), a.inputs.threshold])).toEqual(MIDDLEWARE_RULES.map((r) => [r.id, r.threshold]));
    const heap = alarms[0]!;
    expect((heap.inputs.metricQueries as { expression?: string }[]).at(-1)!.expression).toBe("100 * m1 / m2");
    expect(heap.inputs.tags).toMatchObject({ [TAG_KEYS.monitor]: "middleware:tomcat@anyshare-cloud", [TAG_KEYS.severity]: "warning" });
    expect(heap.inputs.alarmActions).toEqual([topic("warning")]);
    expect(of("aws:cloudwatch/metricAlarm:MetricAlarm", "acme-anybackup-cloud-middleware-alarms-").map((a) => a.name)).toEqual([
      "acme-anybackup-cloud-middleware-alarms-tomcat-heap",
      "acme-anybackup-cloud-middleware-alarms-tomcat-restarted",
    ]);
  });

  it("URL monitors: Route 53 health checks of home page and login, alarmed in us-east-1", () => {
    const checks = of("aws:route53/healthCheck:HealthCheck", "acme-probes-");
    expect(checks.map((c) => [c.inputs.resourcePath, c.inputs.type, c.inputs.measureLatency, (c.inputs.tags as Record<string, string>)[TAG_KEYS.monitor]])).toEqual([
      ["/", "HTTPS", true, "url:home-page@anyshare-cloud"],
      ["/api/v1/auth/login", "HTTPS", true, "url:login@anyshare-cloud"],
      ["/", "HTTPS", true, "url:home-page@anybackup-cloud"],
      ["/login", "HTTPS", true, "url:login@anybackup-cloud"],
    ]);
    const status = named(demo.resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-probes-home-page-anyshare-cloud-web-status");
    expect(status.inputs).toMatchObject({ namespace: "AWS/Route53", metricName: "HealthCheckStatus", alarmActions: [topic("urgent", "us-east-1")] });
    expect(named(demo.resources, "pulumi:providers:aws", "acme-probes-us-east-1").inputs.region).toBe("us-east-1");
    const latency = named(demo.resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "acme-probes-login-anyshare-cloud-web-latency");
    expect(latency.inputs).toMatchObject({ metricName: "TimeToFirstByte", threshold: 5000, alarmActions: [topic("warning", "us-east-1")] });
  });

  it("chat webhooks: a relay per routed severity, its targets secret", () => {
    const relays = ofType(demo.resources, "aws:lambda/function:Function");
    expect(relays.map((r) => r.name)).toEqual(["alarms-urgent-relay", "alarms-warning-relay", "probe-alarms-urgent-relay", "probe-alarms-warning-relay"]);
    const environment = relays[0]!.inputs.environment;
    expect(environment).toBeInstanceOf(SecretValue);
    const variables = ((environment as SecretValue).value as { variables: { TARGETS: string; SEVERITY: string } }).variables;
    expect(JSON.parse(variables.TARGETS)).toEqual([{ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=REPLACE_ME" }]);
    expect(variables.SEVERITY).toBe("urgent");
  });

  it("the monitor-quota policy counts each tenant's monitors and passes the demo", async () => {
    const run = await runPolicyPacks(PACKS, demo.resources);
    expect(run.verdicts.filter((v) => v.policy === "monitor-quota")).toEqual([]);
    const ids = new Set(demo.resources.filter((r) => r.name.startsWith("acme-")).map((r) => (r.inputs.tags as Record<string, string> | undefined)?.[TAG_KEYS.monitor]).filter(Boolean));
    expect([...ids].sort()).toEqual([
      "middleware:tomcat@anybackup-cloud",
      "middleware:tomcat@anyshare-cloud",
      "middleware:zookeeper@anyshare-cloud",
      "url:home-page@anybackup-cloud",
      "url:home-page@anyshare-cloud",
      "url:login@anybackup-cloud",
      "url:login@anyshare-cloud",
    ]);
  });
});

describe("the ops server", () => {
  it("runs Prometheus, Alertmanager and the blackbox exporter, configured from the blueprint (a secret: it holds the webhooks)", () => {
    const ops = named(demo.resources, "aws:ec2/instance:Instance", "acme-ops-server-host-instance") as RecordedResource;
    expect(ops.inputs.userData).toBeInstanceOf(SecretValue);
    const doc = parse(String((ops.inputs.userData as SecretValue).value)) as { write_files: { path: string; content: string }[] };
    const rules = parse(doc.write_files.find((f) => f.path === "/etc/tenantry/prometheus/rules.yml")!.content) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const exprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr)).join("\n");
    for (const threshold of ["> 90", "> 80", "node_load1 > 5", "> 3", "process_start_time_seconds"]) expect(exprs).toContain(threshold);
    const prom = parse(doc.write_files.find((f) => f.path === "/etc/tenantry/prometheus/prometheus.yml")!.content) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    expect(prom.scrape_configs.find((j) => j.job_name === "url:login@anyshare-cloud")!.static_configs[0]!.targets).toEqual(["https://share-acme.tenants.example.com/api/v1/auth/login"]);
  });
});

describe("other entry modes", () => {
  it("eip: no load balancers; the web hosts in public subnets with an Elastic IP, their web ports open to the allowed CIDRs", async () => {
    const run = await runAwsStack(await demoBlueprints(), { entryPoint: "eip", certificateArn: undefined });
    expect(ofType(run.resources, "aws:lb/loadBalancer:LoadBalancer")).toEqual([]);
    // No load balancer, no load-balancer log bucket (the hosts' web servers log their own requests).
    expect(ofType(run.resources, "tenantry:aws:EntryLogBucket")).toEqual([]);
    const host = named(run.resources, "aws:ec2/instance:Instance", "acme-anyshare-cloud-instance");
    expect(host.inputs.subnetId).toBe("acme-network-public-0-id");
    expect(named(run.resources, "aws:ec2/eip:Eip", "acme-anyshare-cloud-eip").inputs.instance).toBe("acme-anyshare-cloud-instance-id");
    const web = ofType(run.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("acme-network-web-") && r.inputs.cidrIpv4 === "0.0.0.0/0");
    expect(web.map((r) => r.inputs.fromPort)).toEqual([443, 80, 9801, 9802]);
  });

  it("nlb: TLS 443 with the certificate", async () => {
    const run = await runAwsStack(await demoBlueprints(), { entryPoint: "nlb" });
    expect(named(run.resources, "aws:lb/listener:Listener", "acme-entry-anyshare-cloud-web-443").inputs).toMatchObject({ protocol: "TLS", certificateArn: expect.stringContaining(":certificate/") });
  });

  it("refuses a load balancer without a certificate, naming the key", async () => {
    await expect(runAwsStack(await demoBlueprints(), { certificateArn: undefined })).rejects.toThrow("tenantry:aws.certificateArn: is required with entryPoint alb");
  });
});
