/**
 * The offline plan as a library (`tenantry/plan`): plan a stack under Pulumi's mocks, run any
 * Pulumi program under the same mocks and read what it registered, compare two plans, and render
 * a plan as text, a summary or a pull-request comment.
 */
export * from "./describe.js";
export * from "./diff.js";
export * from "./document.js";
export * from "./format-markdown.js";
export * from "./format-summary.js";
export * from "./format-text.js";
export * from "./mock-run.js";
export * from "./run.js";
export { MissingPackageError } from "../stacks/package.js";
