/** The kubernetes-demo stack under mocks: what each tenant's namespace holds, sized from the catalog. */
import { beforeAll, describe, expect, it } from "vitest";
import { ANYBACKUP_DEDUP_OFF, ANYBACKUP_DEDUP_ON, BASIC_HOST_ALARMS, DATABASE_CPU_SEVERITY, DATABASE_FREE_STORAGE_SEVERITY, sizeForAnyShare } from "../../components/core/index.js";
import { ALERT_RECEIVERS_SECRET, NO_RECEIVER, POD_SECURITY_LABELS, quietTimes, S3_DIALOG_TYPES, SILENCE_INTERVAL, type KubernetesTenantOutputs } from "../../components/kubernetes/index.js";
import { totalsOf } from "../../plan/document.js";
import { SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofTenant, ofType, resolve, runKubernetesStack, snapshot } from "../helpers/stacks.js";

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: any; [k: string]: any };
const obj = (r: RecordedResource) => r.inputs as unknown as Obj;
const K = {
  ns: "kubernetes:core/v1:Namespace",
  quota: "kubernetes:core/v1:ResourceQuota",
  limits: "kubernetes:core/v1:LimitRange",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  sts: "kubernetes:apps/v1:StatefulSet",
  sa: "kubernetes:core/v1:ServiceAccount",
  secret: "kubernetes:core/v1:Secret",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  rule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
  netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
};

let demo: MockRun<Record<string, KubernetesTenantOutputs>>;
const all = (type: string) => ofType(demo.resources, type);
const inNamespace = (type: string, ns: string) => all(type).filter((r) => obj(r).metadata.namespace === ns);
beforeAll(async () => {
  demo = await runKubernetesStack(await demoBlueprints());
});

describe("the kubernetes-demo stack under mocks", () => {
  it("totals a bucket for each tenant keeping backups on the stack's S3-compatible store (acme, globex), though none is made in the cluster", () => {
    expect(ofType(demo.resources, "tenantry:kubernetes:S3BackupStorage").map((r) => r.name)).toEqual(["acme-anybackup-cloud-storage", "globex-anybackup-cloud-storage"]);
    expect(totalsOf(demo.resources, 3).buckets).toBe(2);
  });

  it("gives each tenant its own namespace at the restricted pod security standard, labelled with the tag contract", () => {
    expect(all(K.ns).map((n) => obj(n).metadata.name)).toEqual(["tenant-acme", "tenant-globex", "tenant-initech"]);
    for (const n of all(K.ns)) {
      expect(obj(n).metadata.labels).toMatchObject({ ...POD_SECURITY_LABELS, "app.kubernetes.io/managed-by": "tenantry" });
      expect(obj(n).metadata.labels!["tenantry/tenant"]).toBe(obj(n).metadata.name.replace("tenant-", ""));
    }
  });

  it("puts every namespaced object of a tenant in that tenant's namespace", () => {
    for (const r of demo.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.type !== K.ns)) {
      const tenant = r.name.split("-")[0]!;
      expect(obj(r).metadata.namespace, r.name).toBe(`tenant-${tenant}`);
      expect(obj(r).metadata.labels?.["tenantry/tenant"] ?? obj(r).metadata.annotations?.["tenantry/tenant"], r.name).toBe(tenant);
    }
  });

  it("sets each quota to the sum of the tenant's documented sizes", () => {
    const as500 = sizeForAnyShare(500);
    const as1500 = sizeForAnyShare(1500);
    const acme = {
      cpu: as500.host.vcpu + ANYBACKUP_DEDUP_ON.host.vcpu + as500.database.vcpu,
      memory: as500.host.memoryGiB + ANYBACKUP_DEDUP_ON.host.memoryGiB + as500.database.memoryGiB,
      storage: as500.host.systemDiskGiB + as500.host.cacheDiskGiB! + ANYBACKUP_DEDUP_ON.host.systemDiskGiB + as500.database.storageGiB,
    };
    const hard = (ns: string) => obj(inNamespace(K.quota, ns)[0]!).spec.hard;
    expect(hard("tenant-acme")).toEqual({
      "requests.cpu": String(acme.cpu),
      "limits.cpu": String(acme.cpu),
      "requests.memory": `${acme.memory}Gi`,
      "limits.memory": `${acme.memory}Gi`,
      "requests.storage": `${acme.storage}Gi`,
      persistentvolumeclaims: "4",
      pods: "3",
      "services.loadbalancers": "1",
      "services.nodeports": "0",
    });
    expect(hard("tenant-globex")).toMatchObject({ "requests.cpu": String(ANYBACKUP_DEDUP_OFF.host.vcpu), "requests.memory": `${ANYBACKUP_DEDUP_OFF.host.memoryGiB}Gi`, pods: "1" });
    expect(hard("tenant-initech")).toMatchObject({
      "requests.cpu": String(as1500.host.vcpu + as1500.database.vcpu),
      "requests.storage": `${as1500.host.systemDiskGiB + as1500.host.cacheDiskGiB! + as1500.database.storageGiB}Gi`,
    });
    expect(obj(inNamespace(K.limits, "tenant-acme")[0]!).spec.limits[0]).toEqual({
      type: "Container",
      max: { cpu: "8", memory: "32Gi" },
      maxLimitRequestRatio: { cpu: "1", memory: "1" },
    });
  });

  it("runs each product as a StatefulSet whose requests and limits are the documented vCPU and memory", () => {
    const resources = (name: string) => obj(named(demo.resources, K.sts, name)).spec.template.spec.containers[0].resources;
    const as500 = sizeForAnyShare(500).host;
    expect(resources("acme-anyshare-cloud-statefulset")).toEqual({ requests: { cpu: String(as500.vcpu), memory: `${as500.memoryGiB}Gi` }, limits: { cpu: String(as500.vcpu), memory: `${as500.memoryGiB}Gi` } });
    expect(resources("acme-anybackup-cloud-statefulset").limits).toEqual({ cpu: "8", memory: "32Gi" });
    expect(resources("globex-anybackup-cloud-statefulset").requests).toEqual({ cpu: "4", memory: "16Gi" });
    expect(resources("acme-anyshare-cloud-db-server-statefulset").requests).toEqual({ cpu: "1", memory: "4Gi" });
    for (const s of all(K.sts)) expect(obj(s).spec.replicas, s.name).toBe(1);
  });

  it("gives each documented disk a PVC of the documented GiB in the configured class, kept on delete", () => {
    const pvcs = Object.fromEntries(inNamespace(K.pvc, "tenant-acme").map((p) => [obj(p).metadata.name, obj(p).spec.resources.requests.storage]));
    expect(pvcs).toEqual({ "anyshare-cloud-db-data": "60Gi", "anyshare-cloud-system": "40Gi", "anyshare-cloud-cache": "100Gi", "anybackup-cloud-system": "40Gi" });
    for (const p of all(K.pvc)) {
      expect(p.retainOnDelete, p.name).toBe(true);
      expect(obj(p).spec.storageClassName).toBe("encrypted-ssd");
      expect(obj(p).metadata.annotations!["tenantry/retain-on-delete"]).toBe("true");
    }
    expect(named(demo.resources, K.sts, "acme-anyshare-cloud-db-server-statefulset").retainOnDelete).toBe(true);
    expect(named(demo.resources, K.sts, "acme-anyshare-cloud-statefulset").retainOnDelete).toBe(false);
  });

  it("runs pods non-root, unprivileged, with a read-only root, no service-account token, TCP probes", () => {
    for (const s of all(K.sts)) {
      const pod = obj(s).spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.hostNetwork ?? false).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) expect(c[probe].tcpSocket, `${s.name} ${probe}`).toBeDefined();
      }
      expect(pod.volumes.some((v: { hostPath?: unknown }) => v.hostPath)).toBe(false);
    }
    for (const a of all(K.sa)) expect(obj(a).automountServiceAccountToken).toBe(false);
  });

  it("applies AnyShare's documented bandwidth with the CNI bandwidth annotations, and reports it", async () => {
    const annotations = obj(named(demo.resources, K.sts, "acme-anyshare-cloud-statefulset")).spec.template.metadata.annotations;
    expect(annotations).toMatchObject({ "kubernetes.io/ingress-bandwidth": "5M", "kubernetes.io/egress-bandwidth": "5M" });
    expect(obj(named(demo.resources, K.sts, "initech-anyshare-cloud-statefulset")).spec.template.metadata.annotations["kubernetes.io/egress-bandwidth"]).toBe("15M");
    expect(obj(named(demo.resources, K.sts, "acme-anybackup-cloud-statefulset")).spec.template.metadata.annotations["kubernetes.io/egress-bandwidth"]).toBeUndefined();
    expect(demo.outputs.acme!.hosts["anyshare-cloud"]).toMatchObject({ bandwidthMbps: 5, bandwidth: "cni-annotations", url: "https://share-acme.tenants.example.com/" });
  });

  it("reaches each web product through an Ingress with its host and a cert-manager certificate", () => {
    const ingress = obj(named(demo.resources, K.ingress, "acme-anyshare-cloud-ingress"));
    expect(ingress.metadata.annotations!["cert-manager.io/cluster-issuer"]).toBe("letsencrypt");
    expect(ingress.spec).toMatchObject({
      ingressClassName: "nginx",
      tls: [{ hosts: ["share-acme.tenants.example.com"], secretName: "anyshare-cloud-tls" }],
      rules: [{ host: "share-acme.tenants.example.com" }],
    });
  });

  it("keeps every password and access secret secret: Kubernetes Secrets hold them, outputs are Pulumi secrets", async () => {
    for (const s of all(K.secret)) expect(s.inputs.stringData, s.name).toBeInstanceOf(SecretValue);
    const db = demo.outputs.acme!.databases["anyshare-cloud"]!;
    expect(await resolve(db.password)).toMatchObject({ secret: true });
    expect((await resolve(db.host)).value).toBe("anyshare-cloud-db.tenant-acme.svc");
    const storage = demo.outputs.globex!.backupStorage["anybackup-cloud"]!;
    expect(storage.target).toBe("same-cloud");
    expect((await resolve(storage.bucket)).value).toBe("globex-anybackup-demo");
    const dialog = storage.dialog!;
    expect({ name: dialog.name, type: dialog.type, serviceHost: (await resolve(dialog.serviceHost)).value, accessId: (await resolve(dialog.accessId)).value }).toEqual({
      name: "globex-anybackup-cloud-storage",
      type: "AWS (S3)",
      serviceHost: "s3.ap-southeast-1.amazonaws.com",
      accessId: "AKIAEXAMPLEGLOBEX001",
    });
    expect(await resolve(dialog.accessSecret)).toMatchObject({ secret: true });
  });

  it("turns the documented alarm thresholds into Prometheus rules with the core's severities", () => {
    const alerts = inNamespace(K.rule, "tenant-acme").find((r) => obj(r).metadata.name === "tenantry-alerts")!;
    const groups = obj(alerts).spec.groups;
    const rules = groups[0].rules as { alert: string; expr: string; labels: Record<string, string> }[];
    const anyshare = rules.filter((r) => r.labels.workload === "anyshare-cloud");
    expect(anyshare.map((r) => r.labels.rule)).toEqual(BASIC_HOST_ALARMS.map((a) => a.id));
    expect(anyshare.map((r) => r.expr.match(/[<>] [\d.]+/g))).toEqual(BASIC_HOST_ALARMS.map((a) => a.conditions.map((c) => `${c.comparison} ${c.threshold}`)));
    expect(rules.filter((r) => r.labels.workload === "anyshare-cloud-db").map((r) => r.labels.rule)).toEqual(["cpu", "free-storage"]);
    expect(anyshare.map((r) => r.labels.severity)).toEqual(BASIC_HOST_ALARMS.map((a) => a.severity));
    expect(rules.filter((r) => r.labels.workload === "anyshare-cloud-db").map((r) => r.labels.severity)).toEqual([DATABASE_CPU_SEVERITY, DATABASE_FREE_STORAGE_SEVERITY]);
    expect(obj(alerts).metadata.labels!.release).toBe("kube-prometheus-stack");
    expect(demo.outputs.acme!.hosts["ops-server"]).toMatchObject({ role: "monitoring", operatorGroup: "tenantry:operators:acme" });
  });
});

describe("the blueprint's entry points and monitors", () => {
  it("reaches AnyBackup's backup clients through a LoadBalancer limited to the client networks", () => {
    const lb = obj(named(demo.resources, "kubernetes:core/v1:Service", "acme-anybackup-cloud-clients"));
    expect(lb.spec).toMatchObject({ type: "LoadBalancer", externalTrafficPolicy: "Local", loadBalancerSourceRanges: ["203.0.113.0/24"], ports: [{ port: 9801 }, { port: 9802 }] });
    expect(obj(named(demo.resources, K.netpol, "acme-network-allow-clients-anybackup-cloud")).spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "TCP", port: 9801 }, { protocol: "TCP", port: 9802 }] },
    ]);
    expect(demo.outputs.acme!.entryPoints).toMatchObject({ "anyshare-cloud-web": { kind: "ingress", host: "share-acme.tenants.example.com" }, "anybackup-cloud-clients": { kind: "load-balancer", ports: [9801, 9802] } });
  });

  it("renders every monitor but SSH checks as Probes and PodMonitors with rules, and says why SSH is not", () => {
    const bp = demo.outputs.acme!.monitors;
    expect(bp.notRendered.map((n) => n.id)).toEqual(["port:ssh@anyshare-cloud", "port:ssh@anybackup-cloud"]);
    expect(bp.rendered).toContain("url:login@anyshare-cloud");
    const probes = inNamespace("kubernetes:monitoring.coreos.com/v1:Probe", "tenant-acme").map((p) => obj(p).spec.targets.staticConfig.static[0]);
    expect(probes).toContain("https://share-acme.tenants.example.com/api/v1/auth/login");
    expect(probes).toContain("anyshare-cloud-db.tenant-acme.svc:3306");
    expect(inNamespace("kubernetes:monitoring.coreos.com/v1:PodMonitor", "tenant-acme").map((p) => obj(p).metadata.name)).toEqual(["middleware-tomcat-anyshare-cloud", "middleware-zookeeper-anyshare-cloud", "middleware-tomcat-anybackup-cloud"]);
    const monitors = inNamespace(K.rule, "tenant-acme").find((r) => obj(r).metadata.name === "tenantry-monitors")!;
    const rules = obj(monitors).spec.groups[0].rules as { expr: string; labels: Record<string, string> }[];
    expect(rules.find((r) => r.labels.rule === "tomcat-heap")!.expr).toContain('namespace="tenant-acme"');
  });
});

describe("alert routing", () => {
  const AMC = "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig";
  it("routes each tenant's alerts by severity to the configured webhooks, URLs from a Secret, info muted at night", async () => {
    const config = obj(inNamespace(AMC, "tenant-acme")[0]!);
    expect(config.metadata.labels!.release).toBe("kube-prometheus-stack");
    const route = config.spec.route;
    expect(route.receiver).toBe(NO_RECEIVER);
    expect(route.routes.map((r: { receiver: string; matchers: { value: string }[] }) => `${r.matchers[0]!.value}->${r.receiver}`)).toEqual(["urgent->oncall", "urgent->ops-chat", "warning->ops-chat", "info->ops-chat"]);
    expect(route.routes.every((r: { continue: boolean }) => r.continue)).toBe(true);
    expect(route.routes.filter((r: { muteTimeIntervals?: string[] }) => r.muteTimeIntervals).map((r: { matchers: { value: string }[] }) => r.matchers[0]!.value)).toEqual(["info"]);
    expect(config.spec.muteTimeIntervals).toEqual([{ name: SILENCE_INTERVAL, timeIntervals: [{ times: [{ startTime: "22:00", endTime: "24:00" }, { startTime: "00:00", endTime: "07:00" }] }] }]);
    expect(config.spec.receivers).toEqual([
      { name: NO_RECEIVER },
      { name: "oncall", webhookConfigs: [{ urlSecret: { name: ALERT_RECEIVERS_SECRET, key: "oncall" }, sendResolved: true }] },
      { name: "ops-chat", webhookConfigs: [{ urlSecret: { name: ALERT_RECEIVERS_SECRET, key: "ops-chat" }, sendResolved: true }] },
    ]);
    // Every severity the tenant's rules raise has a route.
    const severities = new Set(inNamespace(K.rule, "tenant-acme").flatMap((r) => obj(r).spec.groups[0].rules.map((x: { labels: { severity: string } }) => x.labels.severity)));
    for (const s of severities) expect(route.routes.some((r: { matchers: { value: string }[] }) => r.matchers[0]!.value === s), s).toBe(true);
    const secret = inNamespace(K.secret, "tenant-acme").find((r) => obj(r).metadata.name === ALERT_RECEIVERS_SECRET)!;
    expect(secret.inputs.stringData).toBeInstanceOf(SecretValue);
    expect(Object.keys((secret.inputs.stringData as SecretValue).value as Record<string, string>)).toEqual(["oncall", "ops-chat"]);
    expect(all(AMC).map((c) => obj(c).metadata.namespace)).toEqual(["tenant-acme", "tenant-globex", "tenant-initech"]);
    expect(demo.outputs.acme!.hosts["ops-server"]).toMatchObject({ alertRoutes: { urgent: ["oncall", "ops-chat"], warning: ["ops-chat"], info: ["ops-chat"] } });
  });

  it("splits a quiet period only when it wraps midnight", () => {
    expect(quietTimes({ from: "01:00", to: "05:00", severities: ["info"] })).toEqual([{ startTime: "01:00", endTime: "05:00" }]);
    expect(quietTimes({ from: "20:00", to: "00:00", severities: ["info"] })).toEqual([{ startTime: "20:00", endTime: "24:00" }]);
  });

  it("refuses a route to an unknown receiver and a webhook that is not https, naming each", async () => {
    const run = runKubernetesStack(await demoBlueprints(), {
      alertRouting: { receivers: { oncall: { webhookUrl: "http://hooks.example.com/x" } }, routes: { urgent: ["oncall", "pager"] } },
    });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        'tenantry:kubernetes.alertRouting.receivers.oncall.webhookUrl: must be an https:// URL (the webhook carries its token: keep it a Pulumi secret) (got "http://hooks.example.com/x")',
      ].join("\n"),
    );
    const unknown = runKubernetesStack(await demoBlueprints(), { alertRouting: { receivers: { oncall: { webhookUrl: "https://hooks.example.com/x" } }, routes: { urgent: ["oncall", "pager"] } } });
    await expect(unknown).rejects.toThrow('tenantry:kubernetes.alertRouting.routes.urgent[1]: names no configured receiver (configured: oncall) (got "pager")');
  });
});

describe("a tenant whose licence expired", () => {
  it("is frozen (every object ignores changes and is kept on delete) while the other tenants are planned as before", async () => {
    const frozen = (await demoBlueprints()).map((b) => (b.tenant === "globex" ? { ...b, freeze: { tenant: "globex", customer: "Globex Corporation", licences: [] } } : b));
    const run = await runKubernetesStack(frozen);
    const globex = ofTenant(run.resources, "globex").filter((r) => r.custom);
    expect(globex.length).toBeGreaterThan(20);
    for (const r of globex) {
      expect(r.retainOnDelete, r.name).toBe(true);
      expect(r.ignoreChanges, r.name).toEqual(expect.arrayContaining(Object.keys(r.inputs)));
    }
    expect(snapshot(run.resources, ["acme", "initech"])).toEqual(snapshot(demo.resources, ["acme", "initech"]));
    expect(ofTenant(run.resources, "acme").filter((r) => r.custom).every((r) => !r.ignoreChanges?.length)).toBe(true);
  });
});

describe("configuration", () => {
  it("names every bad key at once", async () => {
    const run = runKubernetesStack(await demoBlueprints(), {
      images: { "ops-server": "x", "anyshare-cloud": { image: "registry.example.com/anyshare:7" }, "anybackup-cloud": { image: "registry.example.com/anybackup:8", port: 80.5, runAsUser: 0 } },
      storageEncrypted: "yes",
      provider: { kubeConfig: "~/.kube/config" },
      backupStorage: { type: "S3", serviceHost: "https://minio", egressCidrs: [], tenants: {} },
    });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        'tenantry:kubernetes.provider.kubeConfig: is not a known key (allowed: kubeconfig, context, cluster, renderYamlToDirectory, enableServerSideApply) (got "~/.kube/config")',
        "tenantry:kubernetes.images.anyshare-cloud.port: is required: the port the image serves its web interface on (the vendor's image documentation gives it; no default)",
        "tenantry:kubernetes.images.anyshare-cloud.runAsUser: is required: the non-root user id the image runs as (the vendor's image documentation gives it; no default)",
        "tenantry:kubernetes.images.anybackup-cloud.port: must be a port number 1-65535 (got 80.5)",
        "tenantry:kubernetes.images.anybackup-cloud.runAsUser: must be a non-root user id (at least 1) (got 0)",
        "tenantry:kubernetes.images.ops-server: is not a product that runs as a workload on Kubernetes (allowed: anyshare-cloud, anybackup-cloud; the ops server's role here is monitoring) (got \"x\")",
        'tenantry:kubernetes.storageEncrypted: must be true or false (got "yes")',
        `tenantry:kubernetes.backupStorage.type: must be one of the dialog's S3 types: ${S3_DIALOG_TYPES.join(", ")} (got "S3")`,
        'tenantry:kubernetes.backupStorage.serviceHost: must be a host name or address, with an optional :port (no scheme) (got "https://minio")',
        "tenantry:kubernetes.backupStorage.egressCidrs: must have at least 1 items (got [])",
      ].join("\n"),
    );
  });

  it("says what the fleet needs that the configuration lacks", async () => {
    const run = runKubernetesStack(await demoBlueprints(), { images: {}, database: undefined, backupStorage: { type: "AWS (S3)", serviceHost: "s3.example.com", egressCidrs: ["10.0.0.0/8"], tenants: { acme: { bucket: "b-1", accessId: "a", accessSecret: "s" }, hooli: { bucket: "b-2", accessId: "a", accessSecret: "s" } } } });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        "tenantry:kubernetes.images.anyshare-cloud: is required: a tenant runs this product ({ image, port, runAsUser })",
        "tenantry:kubernetes.images.anybackup-cloud: is required: a tenant runs this product ({ image, port, runAsUser })",
        "tenantry:kubernetes.database: is required: a tenant runs AnyShare ({ mode: in-cluster, image } or { mode: external, egressCidrs, tenants })",
        "tenantry:kubernetes.backupStorage.tenants.globex: is required: the tenant keeps its backups on the stack's store (bucket, accessId, accessSecret)",
      ].join("\n"),
    );
  });

  it("ignores entries for tenants this stack does not build (a tenant stack, or a plan over part of the fleet)", async () => {
    const globex = (await demoBlueprints()).filter((b) => b.tenant === "globex");
    const run = await runKubernetesStack(globex);
    expect(Object.keys(run.outputs)).toEqual(["globex"]);
  });

  it("builds the provider from configuration, rendering YAML to a directory when asked", async () => {
    const run = await runKubernetesStack(await demoBlueprints(), { provider: { renderYamlToDirectory: "rendered", context: "ctx" } });
    expect(ofType(run.resources, "pulumi:providers:kubernetes").map((p) => p.inputs)).toEqual([{ renderYamlToDirectory: "rendered", context: "ctx" }]);
  });

  it("uses an external database: its endpoint in the connection Secret, egress only to its CIDRs", async () => {
    const run = await runKubernetesStack(await demoBlueprints(), {
      database: {
        mode: "external",
        egressCidrs: ["10.20.0.0/24"],
        tenants: { acme: { host: "acme.mysql.example", username: "acme", password: "p1" }, initech: { host: "initech.mysql.example", username: "initech", password: "p2" } },
      },
    });
    expect(ofType(run.resources, K.sts).map((s) => s.name)).not.toContain("acme-anyshare-cloud-db-server-statefulset");
    const policy = obj(named(run.resources, K.netpol, "acme-network-allow-database"));
    expect(policy.spec).toMatchObject({ podSelector: { matchLabels: { "app.kubernetes.io/name": "anyshare-cloud" } }, egress: [{ to: [{ ipBlock: { cidr: "10.20.0.0/24" } }], ports: [{ port: 3306 }] }] });
    expect(obj(named(run.resources, K.quota, "acme-namespace-quota")).spec.hard["requests.cpu"]).toBe("12");
    const outputs = run.outputs as Record<string, KubernetesTenantOutputs>;
    expect((await resolve(outputs.acme!.databases["anyshare-cloud"]!.password)).secret).toBe(true);
  });
});
