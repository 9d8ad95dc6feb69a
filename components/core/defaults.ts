/**
 * Tenantry's own defaults: numbers the documents do not give, chosen here once for every cloud.
 * Each is a parameter of the components that use it; the README lists them as Tenantry's choices.
 */

/** Alarm evaluation period in seconds (the documents give thresholds, not periods). */
export const DEFAULT_ALARM_PERIOD_SECONDS = 300;
/** Consecutive periods over a threshold before an alarm fires. */
export const DEFAULT_ALARM_EVALUATION_PERIODS = 1;
/** Database free-storage alarm: below this percentage of the allocated storage. */
export const DEFAULT_FREE_STORAGE_PERCENT = 10;
/** The least (and default) days of automated database backups ("kept >= 7 days"). */
export const MIN_BACKUP_RETENTION_DAYS = 7;
/** Length of generated database passwords. */
export const DATABASE_PASSWORD_LENGTH = 32;
/** Automatic rotation of tenants' KMS keys, in days (AWS rotates yearly). */
export const KEY_ROTATION_DAYS = 365;
/** URL probes alarm when a response takes longer than this ("probe latency" has no documented threshold). */
export const DEFAULT_PROBE_LATENCY_SECONDS = 5;
/** Prepaid (subscription) cloud resources raise an alarm this many days before they expire. */
export const DEFAULT_EXPIRY_NOTICE_DAYS = 15;
/** Within this many days of its expiry, a prepaid resource's notice is urgent (the warning starts at `DEFAULT_EXPIRY_NOTICE_DAYS`). */
export const DEFAULT_EXPIRY_URGENT_DAYS = 3;
/** Where a cloud announces no expiry itself (Huawei Cloud), its watcher reads the billing this often, in hours (daily). */
export const DEFAULT_EXPIRY_CHECK_HOURS = 24;
/**
 * Prepaid (subscription) resources renew themselves before they expire. Tenantry's choice: a
 * tenant's service must not stop because a subscription ran out, and where the cloud announces no
 * expiry (Huawei Cloud's Cloud Eye has no such event) renewal is the only safeguard; `autoRenew`
 * turns it off.
 */
export const DEFAULT_AUTO_RENEW = true;
/** Seconds between two probes of a port or URL (the ops server's blackbox exporter, cloud probes). */
export const DEFAULT_PROBE_INTERVAL_SECONDS = 60;
/**
 * Minutes between two runs of a cloud's scheduled prober (core `probePlan`; Huawei's FunctionGraph
 * `HuaweiProber`): the default alarm period, so a breach is told about as soon as a cloud alarm's would be.
 */
export const DEFAULT_PROBER_INTERVAL_MINUTES = 5;
/** Seconds a scheduled prober waits for an answer (at least the latency threshold and 5 s more, `probeTimeoutSeconds`). */
export const DEFAULT_PROBE_TIMEOUT_SECONDS = 10;
/**
 * The host port a load balancer forwards web traffic to: TLS ends at the entry point (with the
 * certificate by config) and the product's web server answers plain HTTP inside the VPC.
 */
export const DEFAULT_WEB_BACKEND_PORT = 80;
/**
 * Where the ops server scrapes Tomcat's JVM metrics: a Prometheus JMX exporter (1.x) java agent
 * the product image runs on this port. The port is Tenantry's choice (nothing documents one).
 */
export const TOMCAT_JMX_EXPORTER_PORT = 9404;
/** Versions of the monitoring stack the ops server and the hosts download (Tenantry's choice; pinned, overridable). */
export const MONITORING_VERSIONS = {
  prometheus: "3.5.0",
  alertmanager: "0.28.1",
  blackboxExporter: "0.27.0",
  nodeExporter: "1.9.1",
} as const;
/** Days S3 Object Lock / OSS retention keeps every backup object version from deletion by default. */
export const DEFAULT_BACKUP_LOCK_DAYS = 30;
/** Days after which incomplete multipart uploads of backup buckets are aborted. */
export const DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
/** Days access logs (of buckets and load balancers), VPC flow logs and database logs are kept. */
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/** Multi-AZ databases (a standby in a second zone) by default; a stack may turn it off, and its plan says so. */
export const DEFAULT_DATABASE_MULTI_AZ = true;
/** AnyBackup capacity warning: at this share of the licensed front-end capacity (the alarm at 100 % is the licence itself). */
export const DEFAULT_CAPACITY_WARNING_SHARE = 0.8;
/** The largest YAML file (tenant manifest, stack configuration) Tenantry reads, in bytes; a manifest is about 1 KiB. */
export const MAX_YAML_FILE_BYTES = 1024 * 1024;
/** Aliases a YAML file may expand (the `yaml` library's own default), against alias bombs. */
export const MAX_YAML_ALIASES = 100;
/**
 * Where a host's middleware check responder listens (`middlewareCheckCloudInit`): a load balancer's
 * health check asks it whether each middleware rule holds. The port is Tenantry's choice (next to
 * the JMX exporter's 9404; nothing documents one).
 */
export const MIDDLEWARE_CHECK_PORT = 9405;
/**
 * The frontend ports of the middleware-check listeners on a load balancer that reports health per
 * listener (Alibaba CLB, `middlewareCheckListenerPort`): `first` to `first + count - 1`, each rule's
 * port derived from its id alone, so adding a rule never moves another's. Tenantry's choice (nothing
 * documents one): above the well-known and AnyBackup's example client ports, below Linux's ephemeral
 * range; no user reaches them (the listeners admit nobody).
 */
export const MIDDLEWARE_CHECK_LISTENER_PORTS = { first: 20000, count: 10000 } as const;
