/** Bring-your-own S3-compatible storage: validated configuration, no resources. */
export * from "./bucket.js";
