/** The cloud adapters, and lookups across them. Add a cloud by adding its adapter here. */
import type { ResourceView } from "../framework.js";
import { alicloudAdapter } from "./alicloud.js";
import { awsAdapter } from "./aws.js";
import type { CloudAdapter, DatabaseFacts, DiskFacts, HostFacts, IngressFacts, MonitorKind } from "./types.js";

export * from "./types.js";

export const ADAPTERS: readonly CloudAdapter[] = [awsAdapter, alicloudAdapter];

const first = <T>(pick: (a: CloudAdapter) => T | undefined): T | undefined => {
  for (const a of ADAPTERS) {
    const v = pick(a);
    if (v !== undefined) return v;
  }
  return undefined;
};

export const hostFacts = (r: ResourceView): HostFacts | undefined => first((a) => a.host(r));
export const diskFacts = (r: ResourceView): DiskFacts | undefined => first((a) => a.disk(r));
export const databaseFacts = (r: ResourceView): DatabaseFacts | undefined => first((a) => a.database(r));
export const ingressFacts = (r: ResourceView): IngressFacts[] => ADAPTERS.flatMap((a) => a.ingress(r));
export const publicIps = (r: ResourceView): number => ADAPTERS.reduce((n, a) => n + a.publicIps(r), 0);
export const monitorKind = (r: ResourceView): MonitorKind | undefined => first((a) => a.monitor(r));
export const bucketFacts = (resources: readonly ResourceView[]) => ADAPTERS.flatMap((a) => a.buckets(resources));

export const HOST_TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"] as const;
export const STATEFUL_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.statefulTypes);
export const TENANT_TAGGED_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.tenantTaggedTypes);
export const BUCKET_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.bucketTypes);
