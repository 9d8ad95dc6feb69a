/**
 * Tenant isolation on AWS, judged by a real IAM policy evaluator (@cloud-copilot/iam-simulate)
 * over the policies the demo stack actually registers: each tenant's storage credentials reach
 * its own bucket and key, and nobody else's.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, it } from "vitest";
import { runAwsStack, named } from "../helpers/stacks.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { MOCK_ACCOUNT, type RecordedResource } from "../../plan/mock-run.js";

let resources: RecordedResource[];
beforeAll(async () => {
  resources = (await runAwsStack(await demoBlueprints())).resources;
});

interface Storage {
  tenant: string;
  principal: string;
  identityPolicy: Record<string, unknown>;
  bucketArn: string;
  bucketPolicy: Record<string, unknown>;
  keyArn: string;
}

function storageOf(tenant: string): Storage {
  const prefix = `${tenant}-anybackup-cloud-storage`;
  const policy = named(resources, "aws:iam/policy:Policy", `${prefix}-access`);
  const bucket = named(resources, "aws:s3/bucketPolicy:BucketPolicy", `${prefix}-tls-only`);
  const bucketPolicy = JSON.parse(bucket.inputs.policy as string);
  return {
    tenant,
    principal: `arn:aws:iam::${MOCK_ACCOUNT}:user/${prefix}-user`,
    identityPolicy: JSON.parse(policy.inputs.policy as string),
    bucketArn: bucketPolicy.Statement[0].Resource[0],
    bucketPolicy,
    keyArn: `arn:aws:kms:ap-southeast-1:${MOCK_ACCOUNT}:key/key-${prefix}-key`,
  };
}

/** AWS's default key policy: the account, and through it IAM policies, governs the key. */
const defaultKeyPolicy = {
  Version: "2012-10-17",
  Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
};

async function decide(who: Storage, action: string, resource: string, resourcePolicy: Record<string, unknown>, secureTransport = true) {
  const simulation: Simulation = {
    identityPolicies: [{ name: "access", policy: who.identityPolicy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
    request: {
      action,
      principal: who.principal,
      resource: { resource, accountId: MOCK_ACCOUNT },
      contextVariables: { "aws:SecureTransport": secureTransport ? "true" : "false" },
    },
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

const TENANTS_WITH_STORAGE = ["acme", "globex"];
const pairs = TENANTS_WITH_STORAGE.flatMap((a) => TENANTS_WITH_STORAGE.filter((b) => b !== a).map((b) => [a, b] as const));

describe("storage credentials", () => {
  it("name only their own bucket and key, never a wildcard", () => {
    for (const tenant of TENANTS_WITH_STORAGE) {
      const s = storageOf(tenant);
      const resourcesNamed = (s.identityPolicy.Statement as { Resource: string }[]).map((st) => st.Resource);
      expect(resourcesNamed).toEqual([s.bucketArn, `${s.bucketArn}/*`, s.keyArn]);
    }
  });

  it.each(TENANTS_WITH_STORAGE)("of %s read, write and list their own bucket and use their own key", async (tenant) => {
    const s = storageOf(tenant);
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
      expect(await decide(s, action, `${s.bucketArn}/backup/file.dat`, s.bucketPolicy), action).toBe("Allowed");
    }
    expect(await decide(s, "s3:ListBucket", s.bucketArn, s.bucketPolicy)).toBe("Allowed");
    for (const action of ["kms:Decrypt", "kms:GenerateDataKey"]) expect(await decide(s, action, s.keyArn, defaultKeyPolicy), action).toBe("Allowed");
  });

  it.each(TENANTS_WITH_STORAGE)("of %s are refused over plain HTTP, even on their own bucket", async (tenant) => {
    const s = storageOf(tenant);
    expect(await decide(s, "s3:GetObject", `${s.bucketArn}/backup/file.dat`, s.bucketPolicy, false)).toBe("ExplicitlyDenied");
  });

  it.each(pairs)("of %s are denied on %s's bucket and key", async (a, b) => {
    const who = storageOf(a);
    const other = storageOf(b);
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
      expect(await decide(who, action, `${other.bucketArn}/backup/file.dat`, other.bucketPolicy), action).not.toBe("Allowed");
    }
    expect(await decide(who, "s3:ListBucket", other.bucketArn, other.bucketPolicy)).not.toBe("Allowed");
    expect(await decide(who, "kms:Decrypt", other.keyArn, defaultKeyPolicy)).not.toBe("Allowed");
  });
});
