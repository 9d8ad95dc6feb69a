/**
 * IAM policy documents for tenant storage, as pure functions of ARNs so that they can be checked
 * with an IAM policy evaluator (see test/aws/isolation.test.ts).
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS: string | string[] } | { Service: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Bucket-level actions a backup client needs. */
export const BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"] as const;
/** Object-level actions: read, write, delete (backup retention), multipart uploads. */
export const OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;
/** What a client needs of the bucket's KMS key to read and write SSE-KMS objects. */
export const KMS_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"] as const;

/**
 * What the tenant's own credentials may never do, even if someone attaches a broader policy to
 * them: delete object versions for good, lift a retention, or turn off versioning, object lock or
 * the lifecycle that keeps versions (a ransomware-proof backup, issue 10).
 */
export const PERMANENT_DELETE_ACTIONS = [
  "s3:DeleteObjectVersion",
  "s3:BypassGovernanceRetention",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:PutBucketObjectLockConfiguration",
  "s3:PutBucketVersioning",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:DeleteBucket",
] as const;

/** Where a tenant's storage credentials may be used from; empty lists mean anywhere. */
export interface SourceRestriction {
  /** Public source CIDRs (`aws:SourceIp`), e.g. the tenant's AnyBackup server's NAT address. */
  readonly cidrs?: readonly string[];
  /** VPC endpoint ids (`aws:SourceVpce`), for a backup server inside AWS. */
  readonly vpcEndpoints?: readonly string[];
}

/**
 * The deny that confines credentials to their networks: refused unless from one of the CIDRs or one
 * of the VPC endpoints. Calls AWS services make on the caller's behalf (S3 to KMS for SSE-KMS)
 * come from AWS's own addresses and are exempt (`aws:ViaAWSService`).
 */
export function sourceRestrictionStatement(actions: readonly string[], resources: string[], source: SourceRestriction): PolicyStatement | undefined {
  const cidrs = source.cidrs ?? [];
  const endpoints = source.vpcEndpoints ?? [];
  if (cidrs.length === 0 && endpoints.length === 0) return undefined;
  return {
    Sid: "OnlyFromTheTenantsNetworks",
    Effect: "Deny",
    Action: [...actions],
    Resource: resources,
    Condition: {
      ...(cidrs.length ? { NotIpAddress: { "aws:SourceIp": [...cidrs] } } : {}),
      ...(endpoints.length ? { StringNotEquals: { "aws:SourceVpce": [...endpoints] } } : {}),
      Bool: { "aws:ViaAWSService": "false" },
    },
  };
}

/**
 * The identity policy of a tenant's storage credentials: that bucket, its objects and (with
 * SSE-KMS) its key; nothing else. Versions can be hidden (a delete marker) but never deleted for
 * good, and with `source` the credentials work only from the tenant's networks.
 */
export function bucketAccessPolicy(bucketArn: string, kmsKeyArn?: string, source: SourceRestriction = {}): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "Bucket", Effect: "Allow", Action: [...BUCKET_ACTIONS], Resource: bucketArn },
    { Sid: "Objects", Effect: "Allow", Action: [...OBJECT_ACTIONS], Resource: `${bucketArn}/*` },
  ];
  if (kmsKeyArn) statements.push({ Sid: "Key", Effect: "Allow", Action: [...KMS_ACTIONS], Resource: kmsKeyArn });
  statements.push({ Sid: "NeverDeleteForGood", Effect: "Deny", Action: [...PERMANENT_DELETE_ACTIONS], Resource: [bucketArn, `${bucketArn}/*`] });
  const resources = kmsKeyArn ? [bucketArn, `${bucketArn}/*`, kmsKeyArn] : [bucketArn, `${bucketArn}/*`];
  const confine = sourceRestrictionStatement(["s3:*", ...(kmsKeyArn ? ["kms:*"] : [])], resources, source);
  if (confine) statements.push(confine);
  return { Version: "2012-10-17", Statement: statements };
}

/** The bucket policy: every request over plain HTTP is denied, whoever makes it. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/**
 * The policy of a tenant's access-log bucket: TLS only, and S3's log delivery may write there only
 * for that tenant's bucket in that account.
 */
export function accessLogDeliveryPolicy(logBucketArn: string, sourceBucketArn: string, accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...tlsOnlyBucketPolicy(logBucketArn).Statement,
      {
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logBucketArn}/*`,
        Condition: { ArnLike: { "aws:SourceArn": sourceBucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * Elastic Load Balancing's own account per region, for the regions opened before August 2022: the
 * principal AWS documents for Application Load Balancer access logs there ("Enable access logs for
 * your Application Load Balancer", step 2; the same table `aws.elb.getServiceAccount` reads). Regions
 * opened since take the service principal {@link ELB_LOG_DELIVERY_SERVICE} instead.
 */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = {
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-south-1": "718504428378",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ca-central-1": "985666609251",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "eu-south-1": "635631232127",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-gov-east-1": "190560391635",
  "us-gov-west-1": "048591011584",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
};

/** The service principal that writes Application Load Balancer access logs in the regions opened since August 2022 (granted in every region: a region's older principal is granted besides where it has one). */
export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";
/** The service principal that writes Network Load Balancer access logs (CloudWatch Logs' log delivery). */
export const VENDED_LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";
/** Where load balancers write in a tenant's load-balancer log bucket: `elb/<entry point>/AWSLogs/<account>/...`. */
export const ELB_LOG_PREFIX = "elb";

/** Who may deliver Application Load Balancer access logs in `region`: the service principal, and the region's ELB account where AWS still documents one. */
export function elbLogWriters(region: string, partition: string): PolicyStatement["Principal"][] {
  const account = ELB_ACCOUNT_BY_REGION[region];
  return [{ Service: ELB_LOG_DELIVERY_SERVICE }, ...(account ? [{ AWS: `arn:${partition}:iam::${account}:root` }] : [])];
}

/**
 * The policy of a tenant's load-balancer log bucket: TLS only; Application Load Balancers
 * (through {@link elbLogWriters}) and Network Load Balancers (through CloudWatch Logs' log
 * delivery, for the tenant's account only) may write log objects under `elb/<entry point>/AWSLogs/<account>/`,
 * nothing else, and nobody else is granted anything.
 */
export function elbLogDeliveryPolicy(logBucketArn: string, s: { partition: string; region: string; account: string }): PolicyDocument {
  const objects = `${logBucketArn}/${ELB_LOG_PREFIX}/*/AWSLogs/${s.account}/*`;
  const vended = { StringEquals: { "aws:SourceAccount": s.account }, ArnLike: { "aws:SourceArn": `arn:${s.partition}:logs:${s.region}:${s.account}:*` } };
  return {
    Version: "2012-10-17",
    Statement: [
      ...tlsOnlyBucketPolicy(logBucketArn).Statement,
      ...elbLogWriters(s.region, s.partition).map((Principal, i): PolicyStatement => ({ Sid: `AlbAccessLogs${i}`, Effect: "Allow", Principal, Action: "s3:PutObject", Resource: objects })),
      {
        Sid: "NlbAccessLogs",
        Effect: "Allow",
        Principal: { Service: VENDED_LOG_DELIVERY_SERVICE },
        Action: "s3:PutObject",
        Resource: objects,
        Condition: { ...vended, StringEquals: { ...vended.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      { Sid: "NlbAccessLogsAclCheck", Effect: "Allow", Principal: { Service: VENDED_LOG_DELIVERY_SERVICE }, Action: "s3:GetBucketAcl", Resource: logBucketArn, Condition: vended },
    ],
  };
}

/** Where a policy is: partition, region and account of the tenant's provider. */
export interface AwsScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly stack: string;
  readonly tenant: string;
}

const arnIn = (s: AwsScope, service: string, resource: string) => `arn:${s.partition}:${service}:${s.region}:${s.account}:${resource}`;
/**
 * The policy of a tenant's data key (its disks, databases and log groups): the account administers
 * it (AWS's default statement, through which IAM policies govern it), and CloudWatch Logs may use it
 * for the tenant's own log groups only (AWS: "Encrypt log data in CloudWatch Logs using AWS KMS";
 * the service principal is `logs.<region>.<dnsSuffix>`, the condition the log group's ARN): those
 * under `logGroupPrefix`, and under each of `moreLogGroupPrefixes` (the tenant's databases' RDS
 * log groups, `/aws/rds/instance/<identifier>`).
 */
export function tenantDataKeyPolicy(s: AwsScope, dnsSuffix: string, logGroupPrefix: string, moreLogGroupPrefixes: readonly string[] = []): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${s.partition}:iam::${s.account}:root` }, Action: "kms:*", Resource: "*" },
      logsMayUse(s, dnsSuffix, [logGroupPrefix, ...moreLogGroupPrefixes]),
    ],
  };
}

/** The key-policy statement that lets CloudWatch Logs encrypt the log groups under `logGroupPrefix` (one or several; and nothing else) with the key. */
export function logsMayUse(s: Pick<AwsScope, "partition" | "region" | "account">, dnsSuffix: string, logGroupPrefix: string | readonly string[]): PolicyStatement {
  const arns = (typeof logGroupPrefix === "string" ? [logGroupPrefix] : logGroupPrefix).map((p) => `arn:${s.partition}:logs:${s.region}:${s.account}:log-group:${p}/*`);
  return {
    Sid: "CloudWatchLogsEncrypts",
    Effect: "Allow",
    Principal: { Service: `logs.${s.region}.${dnsSuffix}` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": arns.length === 1 ? arns[0]! : arns } },
  };
}

/** The condition that a resource carries the tenant's tag (`aws:ResourceTag`, where the service supports it). */
const ownTag = (s: AwsScope) => ({ StringEquals: { "aws:ResourceTag/tenantry:tenant": s.tenant } });

/**
 * Reads that AWS cannot scope to resources (the service authorization reference lists no resource
 * type for them): in a shared account they see every tenant's items of that kind. Granted only to
 * the ops server, which needs them; the isolation proof lists each as a documented exception, and
 * the `account` isolation level (an account per tenant) removes them.
 */
export const UNSCOPABLE_READS: Readonly<Record<string, string>> = {
  "ec2:DescribeInstances": "instance state and addresses for the ops server's inventory; EC2 Describe calls have no resource-level permissions",
  "ec2:DescribeInstanceStatus": "status checks; no resource-level permissions",
  "ec2:DescribeVolumes": "disk state; no resource-level permissions",
  "cloudwatch:GetMetricData": "metric values for the ops server's dashboards; scoping needs metric-stream datasets, which Tenantry does not create",
  "cloudwatch:GetMetricStatistics": "metric values; no resource-level permissions",
  "cloudwatch:ListMetrics": "metric names; no resource-level permissions without datasets",
};

/**
 * What the Systems Manager and CloudWatch agents on a tenant host need, scoped to the tenant: its
 * parameters (`/tenantry/<stack>/<tenant>/...`), its log groups (same prefix), its metric
 * namespace (`Tenantry/<tenant>`). It replaces the AWS-managed `AmazonSSMManagedInstanceCore` and
 * `CloudWatchAgentServerPolicy`, which allow `ssm:GetParameter*` and `logs:*` on every resource.
 */
export function hostAgentPolicy(s: AwsScope, paths: { parameters: string; logGroups: string; namespace: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // The agent's own channel to Systems Manager: these calls carry no resource, and the service
        // binds them to the calling instance's identity (ssm:SourceInstanceARN), not to other hosts.
        Sid: "SystemsManagerAgentChannel",
        Effect: "Allow",
        Action: [
          "ssm:UpdateInstanceInformation",
          "ssm:ListInstanceAssociations",
          "ssm:UpdateInstanceAssociationStatus",
          "ssm:PutInventory",
          "ssm:PutComplianceItems",
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
          "ec2messages:AcknowledgeMessage",
          "ec2messages:DeleteMessage",
          "ec2messages:FailMessage",
          "ec2messages:GetEndpoint",
          "ec2messages:GetMessages",
          "ec2messages:SendReply",
        ],
        Resource: "*",
      },
      { Sid: "OwnDocuments", Effect: "Allow", Action: ["ssm:GetDocument", "ssm:DescribeDocument", "ssm:DescribeAssociation"], Resource: [arnIn(s, "ssm", "document/*"), `arn:${s.partition}:ssm:${s.region}::document/*`, arnIn(s, "ssm", "association/*")] },
      { Sid: "OwnParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], Resource: [arnIn(s, "ssm", `parameter${paths.parameters}`), arnIn(s, "ssm", `parameter${paths.parameters}/*`)] },
      {
        Sid: "OwnLogGroups",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:PutRetentionPolicy"],
        Resource: [arnIn(s, "logs", `log-group:${paths.logGroups}/*`), arnIn(s, "logs", `log-group:${paths.logGroups}/*:log-stream:*`)],
      },
      { Sid: "OwnMetricNamespace", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": paths.namespace } } },
    ],
  };
}

/**
 * The ops server's read-only monitoring of its own tenant: alarms and databases that carry the
 * tenant's tag, its log groups, and (listed in {@link UNSCOPABLE_READS}) the reads AWS cannot scope.
 * It replaces `CloudWatchReadOnlyAccess`, `AmazonEC2ReadOnlyAccess` and `AmazonRDSReadOnlyAccess`,
 * which read every tenant's resources. Databases and alarms are asked for by identifier or name.
 */
export function opsMonitoringPolicy(s: AwsScope, paths: { logGroups: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      // No resource-level permissions exist for these (see UNSCOPABLE_READS).
      { Sid: "UnscopableReads", Effect: "Allow", Action: Object.keys(UNSCOPABLE_READS), Resource: "*" },
      {
        Sid: "OwnAlarms",
        Effect: "Allow",
        Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
        Resource: arnIn(s, "cloudwatch", "alarm:*"),
        Condition: ownTag(s),
      },
      {
        Sid: "OwnDatabases",
        Effect: "Allow",
        Action: ["rds:DescribeDBInstances", "rds:DescribeDBLogFiles", "rds:DownloadDBLogFilePortion", "rds:ListTagsForResource"],
        Resource: arnIn(s, "rds", "db:*"),
        Condition: ownTag(s),
      },
      {
        Sid: "OwnLogs",
        Effect: "Allow",
        Action: ["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery"],
        Resource: [arnIn(s, "logs", `log-group:${paths.logGroups}/*`), arnIn(s, "logs", `log-group:${paths.logGroups}/*:log-stream:*`)],
      },
    ],
  };
}
