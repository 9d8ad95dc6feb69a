/** DNS: record sets in an existing (public) zone. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface RecordsetArgs {
  /** The zone's id. Forces replacement. */
  zoneId: pulumi.Input<string>;
  /** The full name, ending with a dot (`share-acme.example.com.`). */
  name?: pulumi.Input<string>;
  /** `A`, `AAAA`, `CNAME`, ... */
  type: pulumi.Input<string>;
  records: pulumi.Input<pulumi.Input<string>[]>;
  ttl?: pulumi.Input<number>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_dns_recordset`. */
export class Recordset extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Dns/recordset:Recordset";

  constructor(name: string, args: RecordsetArgs, opts?: pulumi.CustomResourceOptions) {
    super(Recordset.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
