/**
 * Where a tenant's dedicated ELBs write their access logs on Huawei Cloud (core `AccessLogNeed`):
 * a Log Tank Service (LTS) group and stream of the tenant's own, in its enterprise project, logs
 * kept `retentionDays` (LTS keeps 1 to 365 days). Retained on delete: the logs are records, kept like
 * the tenant's data when it retires. Each ELB is bound to the stream by a `Logtank` (entry-points.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { validated, type Tags } from "../core/index.js";
import { stackScope } from "./naming.js";
import { LtsGroup, LtsStream } from "./provider/index.js";

export interface HuaweiEntryLogsArgs {
  /** Days the access logs are kept (core `AccessLogNeed.retentionDays`): 1 to 365, what LTS keeps. */
  readonly retentionDays: number;
  readonly tags: Tags;
  /** The enterprise project of the group and stream. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

const argsSchema = z.object({ retentionDays: z.number().int().min(1).max(365, { error: "must be at most 365: LTS keeps logs 1 to 365 days" }) });

export class HuaweiEntryLogs extends pulumi.ComponentResource {
  public readonly logGroupId: pulumi.Output<string>;
  public readonly logStreamId: pulumi.Output<string>;

  constructor(name: string, args: HuaweiEntryLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:EntryLogs", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiEntryLogs ${name}`, "args.");
    const kept = { parent: this, retainOnDelete: true };
    const eps = args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {};
    const group = new LtsGroup(`${name}-group`, { groupName: `${stackScope()}-${name}`.slice(0, 64), ttlInDays: a.retentionDays, ...eps, tags: args.tags }, kept);
    const stream = new LtsStream(`${name}-stream`, { groupId: group.id, streamName: "elb-access-logs", ...eps, tags: args.tags }, kept);
    this.logGroupId = group.id;
    this.logStreamId = stream.id;
    this.registerOutputs({ logGroupId: this.logGroupId, logStreamId: this.logStreamId });
  }
}
