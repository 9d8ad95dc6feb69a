/**
 * A fleet of tenants in one Kubernetes cluster, a namespace each, with Tenantry as a library: read
 * and check a directory of tenant manifests, turn each tenant into its cloud-neutral blueprint, and
 * build each one with the Kubernetes components. A complete Pulumi program (see README.md beside it).
 *
 *   npm i tenantry @pulumi/pulumi @pulumi/kubernetes @pulumi/random
 */
import * as pulumi from "@pulumi/pulumi";
import { readFleet } from "tenantry/core";
import { KubernetesTenant } from "tenantry/kubernetes";

const config = new pulumi.Config();

// Every problem of every manifest, at once, before anything is registered.
const { blueprints } = await readFleet([config.get("tenants") ?? "tenants"]);

/** Per tenant: what runs in its namespace. */
export const tenants = Object.fromEntries(
  blueprints.map((blueprint) => {
    const id = blueprint.tenant;
    const tenant = new KubernetesTenant(id, {
      blueprint,
      // The image decides its port and non-root user (the documents give neither): no defaults.
      images: { "anyshare-cloud": { image: config.require("anyshareImage"), port: config.requireNumber("anysharePort"), runAsUser: config.requireNumber("anyshareUser") } },
      storageClass: config.get("storageClass") ?? "encrypted-ssd",
      storageEncrypted: true,
      operatorGroup: `tenantry:operators:${id}`,
      ingress: {
        namespace: "ingress-nginx",
        className: "nginx",
        hosts: { "anyshare-cloud": `anyshare.${id}.${config.require("domain")}` },
        tls: { certManager: { issuer: "letsencrypt", kind: "ClusterIssuer" } },
      },
      database: { mode: "in-cluster", image: "mysql:8.0" },
    });
    return [id, tenant.outputs];
  }),
);
