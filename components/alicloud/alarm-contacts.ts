/** The stack's CloudMonitor contact group, with a contact per email address. */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, validated } from "../core/index.js";
import { stackScope } from "./naming.js";

export interface AlarmContactsArgs {
  /** Addresses that receive every alarm. */
  readonly emails: readonly string[];
}

const argsSchema = z.object({ emails: z.array(z.email({ error: "must be an email address" })) });

export class AlarmContacts extends pulumi.ComponentResource {
  /** The contact group's name, which alarm rules refer to. */
  public readonly groupName: pulumi.Output<string>;

  constructor(name: string, args: AlarmContactsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:AlarmContacts", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlarmContacts ${name}`, "args.");
    const contacts = [...new Set(a.emails)].map(
      (email) =>
        new alicloud.cms.AlarmContact(
          `${name}-${nameSafe(email)}`,
          { alarmContactName: nameSafe(email).slice(0, 40), describe: `tenantry alarms (${email})`, channelsMail: email },
          { parent: this },
        ),
    );
    const group = new alicloud.cms.AlarmContactGroup(
      `${name}-group`,
      { alarmContactGroupName: `tenantry-${stackScope()}`.slice(0, 40), describe: "tenantry alarms", contacts: contacts.map((c) => c.alarmContactName) },
      { parent: this },
    );
    this.groupName = group.alarmContactGroupName;
    this.registerOutputs({ groupName: this.groupName });
  }
}
