/** Tenantry's MinIO component: a tenant's backup bucket on an on-premises MinIO server. */
export * from "./backup-storage.js";
export * from "./factory.js";
